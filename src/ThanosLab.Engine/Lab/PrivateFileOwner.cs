using System.Globalization;
using System.Runtime.InteropServices;

namespace ThanosLab.Engine.Lab;

/// <summary>
/// Gives owner-only files to the numeric user a container runs as, so they stay unreadable for
/// everyone else on the host yet readable for the component.
/// </summary>
internal static class PrivateFileOwner
{
    /// <param name="user">The container's user: null or empty (root), root, uid or uid:gid. A user name other than root cannot be resolved outside the image and is an error.</param>
    public static void HandOver(IEnumerable<string> files, string? user, string component)
    {
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(user) || user == "root" || user.StartsWith("0:", StringComparison.Ordinal) || user == "0")
        {
            return;
        }
        var parts = user.Split(':');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
        {
            throw new ThanosLabException(ErrorKind.InvalidOperation, "ContainerUserUnknown",
                $"'{component}' runs as user '{user}', whose uid is unknown outside the image, so its owner-only configuration cannot be handed to it.",
                user, "Run the component as root or as a numeric uid (an image with USER <uid>).");
        }
        var gid = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : -1;
        foreach (var file in files)
        {
            if (Chown(file, uid, gid) != 0)
            {
                throw new ThanosLabException(ErrorKind.PermissionDenied, "ConfigHandOverFailed",
                    $"Cannot give '{file}' to uid {uid}, the user '{component}' runs as (errno {Marshal.GetLastPInvokeError()}).", file,
                    "Run ThanosLab as root (as the tutorial does), or run the component as your own uid.");
            }
        }
    }

    // DllImport, not LibraryImport: the engine compiles without unsafe code.
    [DllImport("libc", EntryPoint = "chown", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Chown(string path, int owner, int group);
}
