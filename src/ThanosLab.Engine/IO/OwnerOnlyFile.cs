using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace ThanosLab.Engine.IO;

/// <summary>
/// Creates a new file that only the current user can open, before anything is written into it:
/// on Unix with mode 0600, on Windows with an ACL holding the current user alone, protected from
/// the folder's inherited entries (Windows has no file mode, and the folder may grant Users read).
/// </summary>
internal static class OwnerOnlyFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static FileStream CreateNew(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return CreateWithAcl(path);
        }
        return new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite });
    }

    [SupportedOSPlatform("windows")]
    private static FileStream CreateWithAcl(string path)
    {
        using var identity = WindowsIdentity.GetCurrent();
        var user = identity.User ?? throw new UnauthorizedAccessException("The current Windows identity has no security identifier.");
        var security = new FileSecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.SetOwner(user);
        security.AddAccessRule(new FileSystemAccessRule(user, FileSystemRights.FullControl, AccessControlType.Allow));
        return new FileInfo(path).Create(FileMode.CreateNew, FileSystemRights.FullControl, FileShare.None, 4096, FileOptions.None, security);
    }
}
