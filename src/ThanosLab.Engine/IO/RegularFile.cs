using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ThanosLab.Engine.IO;

/// <summary>
/// The one check every reader of a block directory needs before it opens a file: the entry must be a
/// regular file (or a directory, for chunks/) inside the block. A FIFO blocks its reader forever, a
/// device such as /dev/zero never ends, a socket cannot be read, and a link may lead anywhere, so
/// these are refused by looking at the entry (lstat), never by opening it. Links are followed only
/// while their final target stays inside the block. <see cref="OpenRead"/> then never reads past the
/// size the caller took when it inspected the file.
/// </summary>
public static class RegularFile
{
    /// <summary>The size of the regular file at <paramref name="path"/>, which lies inside <paramref name="root"/> (the block directory).</summary>
    public static long Inspect(string path, string root)
    {
        var (kind, size, target) = Resolve(path, root);
        return kind == EntryKind.Regular ? size : throw NotRegular(path, target, kind, "regular file");
    }

    /// <summary>Throws unless <paramref name="path"/> is a directory inside <paramref name="root"/> (directly or through a link that stays inside).</summary>
    public static void RequireDirectory(string path, string root)
    {
        var (kind, _, target) = Resolve(path, root);
        if (kind != EntryKind.Directory) throw NotRegular(path, target, kind, "directory");
    }

    /// <summary>
    /// Why <paramref name="path"/> is not a regular file inside <paramref name="root"/>, or null when
    /// it is: for readers that report a problem with the block instead of throwing.
    /// </summary>
    public static string? Problem(string path, string root) => ProblemOf(() => Inspect(path, root));

    /// <summary>As <see cref="Problem"/>, for a directory of the block (chunks/).</summary>
    public static string? DirectoryProblem(string path, string root) => ProblemOf(() => RequireDirectory(path, root));

    /// <summary>
    /// A handle for random access to the regular file at <paramref name="path"/> inside
    /// <paramref name="root"/>, checked before and after opening. Readers through it stop at the
    /// length the handle has when opened (<see cref="RandomAccess.GetLength"/>).
    /// </summary>
    public static SafeFileHandle OpenHandle(string path, string root, FileOptions options = FileOptions.None)
    {
        Inspect(path, root);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, options);
        try
        {
            var (kind, _) = FStat(handle, path);
            if (kind != EntryKind.Regular) throw NotRegular(path, path, kind, "regular file");
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The content of the regular file at <paramref name="path"/> inside <paramref name="root"/> as
    /// long as it was when opened; more than <paramref name="maxBytes"/> is an error naming <paramref name="what"/> the file is.
    /// </summary>
    public static byte[] ReadAllBytes(string path, string root, int maxBytes, string what)
    {
        using var handle = OpenHandle(path, root);
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

    private static string? ProblemOf(Action check)
    {
        try
        {
            check();
            return null;
        }
        catch (ThanosLabException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Opens the first <paramref name="length"/> bytes of the regular file at <paramref name="path"/> for
    /// reading. Checks again that it is a regular file before and after opening (it may have been
    /// replaced since it was inspected) and that it still has at least <paramref name="length"/> bytes.
    /// </summary>
    public static Stream OpenRead(string path, long length, bool asynchronous = true)
    {
        var (kind, _) = Stat(path, followLinks: true);
        if (kind != EntryKind.Regular) throw NotRegular(path, path, kind, "regular file");
        FileStream stream;
        try
        {
            stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                Options = (asynchronous ? FileOptions.Asynchronous : FileOptions.None) | FileOptions.SequentialScan,
            });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ThanosLabException(ErrorKind.ObjectNotFound, "LocalFileNotFound",
                $"Cannot read '{path}': the file does not exist (any more).", path, null, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.ReadError, "LocalFileReadFailed", $"Cannot read '{path}': {e.Message}", path, null, e);
        }
        try
        {
            var (openedKind, openedSize) = FStat(stream.SafeFileHandle, path);
            if (openedKind != EntryKind.Regular) throw NotRegular(path, path, openedKind, "regular file");
            if (openedSize < length)
            {
                throw new ThanosLabException(ErrorKind.InvalidData, "LocalFileChanged",
                    $"'{path}' has {openedSize} bytes, fewer than the {length} it had when its block was read; the block changed meanwhile.", path,
                    "Let whatever writes the block finish, then run the command again.");
            }
            return new FilePrefixStream(stream, length);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private enum EntryKind
    {
        Missing,
        Regular,
        Directory,
        Link,
        Fifo,
        CharacterDevice,
        BlockDevice,
        Socket,
        Other,
    }

    private static (EntryKind Kind, long Size, string Target) Resolve(string path, string root)
    {
        var (kind, size) = Stat(path, followLinks: false);
        if (kind != EntryKind.Link) return (kind, size, path);
        string target;
        try
        {
            target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException e)
        {
            throw new ThanosLabException(ErrorKind.InvalidData, "LinkUnresolvable",
                $"The link '{path}' cannot be followed ({e.Message}); a block holds regular files.", path, null, e);
        }
        var inside = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        if (!Path.GetFullPath(target).StartsWith(inside, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            throw new ThanosLabException(ErrorKind.InvalidData, "LinkLeavesBlock",
                $"'{path}' is a link to '{target}', outside the block directory '{root}'; a block holds only its own regular files, so it is not read.", path,
                "Replace the link with a copy of the file, or remove the block.");
        }
        var (targetKind, targetSize) = Stat(target, followLinks: false);
        return (targetKind, targetSize, target);
    }

    private static ThanosLabException NotRegular(string path, string target, EntryKind kind, string expected)
    {
        var what = kind switch
        {
            EntryKind.Missing => "does not exist",
            EntryKind.Fifo => "is a FIFO (named pipe)",
            EntryKind.CharacterDevice => "is a character device",
            EntryKind.BlockDevice => "is a block device",
            EntryKind.Socket => "is a socket",
            EntryKind.Directory => "is a directory",
            EntryKind.Regular => "is a regular file",
            _ => "is a special file",
        };
        var subject = target == path ? $"'{path}'" : $"'{path}' (a link to '{target}')";
        return kind == EntryKind.Missing
            ? new ThanosLabException(ErrorKind.ObjectNotFound, "LocalFileNotFound", $"{subject} {what}.", path)
            : new ThanosLabException(ErrorKind.InvalidData, "NotARegularFile",
                $"{subject} {what}, not a {expected}; a block holds only regular files and its chunks directory, so it is not read.", path,
                "Remove the entry or regenerate the block.");
    }

    private static (EntryKind Kind, long Size) Stat(string path, bool followLinks)
    {
        if (OperatingSystem.IsWindows())
        {
            FileSystemInfo info = new FileInfo(path);
            if (!info.Exists)
            {
                info = new DirectoryInfo(path);
                if (!info.Exists) return (EntryKind.Missing, 0);
            }
            if (info.LinkTarget is not null && !followLinks) return (EntryKind.Link, 0);
            if (info.LinkTarget is not null) info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
            return info is FileInfo f ? (EntryKind.Regular, f.Length) : (EntryKind.Directory, 0);
        }
        var status = default(NativeFileStatus);
        var rc = followLinks ? NativeStat(path, out status) : NativeLStat(path, out status);
        return rc == 0 ? (KindOf(status.Mode), status.Size) : (EntryKind.Missing, 0);
    }

    private static (EntryKind Kind, long Size) FStat(SafeFileHandle handle, string path)
    {
        if (OperatingSystem.IsWindows()) return (EntryKind.Regular, RandomAccess.GetLength(handle));
        if (NativeFStat(handle, out var status) != 0)
        {
            throw new ThanosLabException(ErrorKind.ReadError, "LocalFileReadFailed", $"Cannot read '{path}': fstat failed ({Marshal.GetLastPInvokeErrorMessage()}).", path);
        }
        return (KindOf(status.Mode), status.Size);
    }

    // The runtime's own portable stat (System.Native's FileStatus, the S_IF* values it normalises
    // to): .NET exposes no file type beyond directory and link, and a FIFO looks like an empty file.
    private static EntryKind KindOf(int mode) => (mode & 0xF000) switch
    {
        0x8000 => EntryKind.Regular,
        0x4000 => EntryKind.Directory,
        0xA000 => EntryKind.Link,
        0x1000 => EntryKind.Fifo,
        0x2000 => EntryKind.CharacterDevice,
        0x6000 => EntryKind.BlockDevice,
        0xC000 => EntryKind.Socket,
        _ => EntryKind.Other,
    };

    // Mode and Size lead the native struct; the reserve is larger than what follows them in any
    // runtime version, so the native side never writes past this struct.
    [StructLayout(LayoutKind.Sequential)]
    private struct NativeFileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
        public Reserve Rest;
    }

    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct Reserve
    {
        public long First;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int NativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out NativeFileStatus output);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int NativeLStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out NativeFileStatus output);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
    private static extern int NativeFStat(SafeFileHandle fd, out NativeFileStatus output);
}
