using System.Text;

namespace ThanosLab.Engine.IO;

/// <summary>
/// Writes a file through a temporary sibling and a rename, so a reader never sees it half-written.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content, UnixFileMode? mode = null) =>
        WriteAllBytes(path, new UTF8Encoding(false).GetBytes(content), mode);

    /// <param name="mode">Permissions for the new file, set before any content is written (Unix only).</param>
    public static void WriteAllBytes(string path, byte[] content, UnixFileMode? mode = null) =>
        Write(path, stream => stream.Write(content), mode);

    /// <summary>
    /// Streams the file's content through <paramref name="write"/> into the temporary sibling; only a
    /// completely written file is renamed into place. With <paramref name="overwrite"/> false an
    /// existing file is left alone and the write fails (FileExists).
    /// </summary>
    public static void Write(string path, Action<Stream> write, UnixFileMode? mode = null, bool overwrite = true)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(dir))
        {
            throw new ThanosLabException(ErrorKind.WriteError, "DirectoryNotFound",
                $"Cannot write '{path}': the directory '{dir}' does not exist.", path);
        }
        var tmp = Path.Combine(dir, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (mode is { } m && !OperatingSystem.IsWindows()) options.UnixCreateMode = m;
            using (var fs = new FileStream(tmp, options))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            if (!overwrite && File.Exists(path))
            {
                throw new ThanosLabException(ErrorKind.ResourceExists, "FileExists",
                    $"The file '{path}' already exists; it is not overwritten.", path, "Give another path, or remove the file first.");
            }
            File.Move(tmp, path, overwrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(tmp);
            throw new ThanosLabException(ErrorKind.WriteError, "FileWriteFailed", $"Cannot write '{path}': {e.Message}", path, null, e);
        }
        catch
        {
            // A failed or cancelled write leaves nothing behind.
            TryDelete(tmp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
