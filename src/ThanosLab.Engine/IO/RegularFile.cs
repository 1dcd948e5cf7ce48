using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ThanosLab.Engine.IO;

/// <summary>
/// The files of a block (and of a data directory) are regular files. This checks that before a
/// file is opened, from its directory entry alone, because opening a FIFO waits for a writer that
/// never comes and a device such as /dev/zero never ends; a symbolic link is followed only to a
/// regular file inside the given root (the block directory). Reads through it stop at the size the
/// file had when it was opened.
/// </summary>
public static class RegularFile
{
    /// <summary>Why <paramref name="path"/> is not a regular file inside <paramref name="root"/>, or null when it is.</summary>
    public static string? Problem(string path, string root)
    {
        var info = new FileInfo(path);
        string? link;
        try
        {
            link = info.LinkTarget;
        }
        catch (IOException)
        {
            return "it cannot be inspected";
        }
        if (link is null) return KindProblem(path);
        FileSystemInfo? target;
        try
        {
            target = info.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            return $"it is a symbolic link to '{link}' that does not resolve (a loop or too many links)";
        }
        if (target is null) return $"it is a symbolic link to '{link}' that does not resolve";
        var full = Path.GetFullPath(target.FullName);
        if (!IsInside(full, root)) return $"it is a symbolic link to '{link}', outside '{root}'";
        return KindProblem(full) is { } problem ? $"it is a symbolic link to '{link}', and {problem.Replace("it is", "that is", StringComparison.Ordinal)}" : null;
    }

    /// <summary>Why the directory <paramref name="path"/> leaves <paramref name="root"/> through a symbolic link, or null when it does not.</summary>
    public static string? DirectoryProblem(string path, string root)
    {
        var info = new DirectoryInfo(path);
        try
        {
            if (info.LinkTarget is not { } link) return null;
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            return target is not null && IsInside(Path.GetFullPath(target.FullName), root) ? null : $"it is a symbolic link to '{link}', outside '{root}'";
        }
        catch (IOException)
        {
            return "it is a symbolic link that does not resolve (a loop or too many links)";
        }
    }

    /// <summary>Opens <paramref name="path"/> for reading once <see cref="Problem"/> finds nothing wrong.</summary>
    public static SafeFileHandle OpenRead(string path, string root, FileOptions options = FileOptions.None)
    {
        if (Problem(path, root) is { } problem)
        {
            throw new ThanosLabException(ErrorKind.InvalidData, "NotARegularFile",
                $"'{path}' is not a regular file: {problem}. It was not opened: blocks and data directories hold regular files only.", path,
                "Replace it with the real file (copy the block again, or regenerate it).");
        }
        return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, options);
    }

    /// <summary>
    /// The whole content of <paramref name="path"/> as it was when opened (a file growing meanwhile
    /// adds nothing); more than <paramref name="maxBytes"/> is an error naming <paramref name="what"/> the file is.
    /// </summary>
    public static byte[] ReadAllBytes(string path, string root, int maxBytes, string what)
    {
        using var handle = OpenRead(path, root);
        var length = RandomAccess.GetLength(handle);
        if (length > maxBytes)
        {
            throw new ThanosLabException(ErrorKind.InvalidData, "FileTooLarge",
                $"'{path}' is {length} bytes, more than the {maxBytes} bytes {what} may have.", path);
        }
        var bytes = new byte[length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
            if (n == 0) return bytes[..read];
            read += n;
        }
        return bytes;
    }

    private static bool IsInside(string full, string root)
    {
        var prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static string? KindProblem(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            // Windows has no FIFOs or device nodes in a directory; links were handled by the caller.
            var attributes = File.GetAttributes(path);
            return attributes.HasFlag(FileAttributes.Directory) ? "it is a directory"
                : attributes.HasFlag(FileAttributes.Device) ? "it is a device" : null;
        }
        var mode = UnixFileType(path);
        return mode switch
        {
            null => "it does not exist",
            RegularType => null,
            0x1000 => "it is a FIFO (named pipe)",
            0x2000 => "it is a character device",
            0x4000 => "it is a directory",
            0x6000 => "it is a block device",
            0xA000 => "it is a symbolic link",
            0xC000 => "it is a socket",
            0 => "it is empty, or a FIFO, device or socket (this .NET runtime cannot tell which)",
            _ => $"it is a special file (type 0x{mode:X4})",
        };
    }

    private const int RegularType = 0x8000;

    // .NET's own native shim (shipped with every .NET on Unix) has lstat with one fixed, OS- and
    // architecture-independent result layout: Flags (int32), then Mode (int32) with normalised S_IF*
    // type bits. The buffer is larger than that struct has ever been.
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);

    private static int? UnixFileType(string path)
    {
        var status = new byte[512];
        try
        {
            if (LStat(path, status) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Without the shim the type is unknown: only an empty entry (what FIFOs, devices and
            // sockets show as) is refused, since opening it could block.
            var info = new FileInfo(path);
            return !info.Exists ? null : info.Length > 0 ? RegularType : 0;
        }
        return BitConverter.ToInt32(status, 4) & 0xF000;
    }
}
