using System.Text;

namespace ThanosLab.Engine.IO;

/// <summary>
/// Writes a file through a temporary sibling and a rename, so a reader never sees it half-written.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content, bool ownerOnly = false) =>
        WriteAllBytes(path, new UTF8Encoding(false).GetBytes(content), ownerOnly);

    /// <param name="ownerOnly">Only the current user may read the file (it holds a secret), from before any content is written: see <see cref="OwnerOnlyFile"/>.</param>
    public static void WriteAllBytes(string path, byte[] content, bool ownerOnly = false) =>
        Write(path, stream => stream.Write(content), ownerOnly);

    /// <summary>
    /// Streams the file's content through <paramref name="write"/> into the temporary sibling; only a
    /// completely written file is renamed into place. With <paramref name="overwrite"/> false an
    /// existing file is left alone and the write fails (FileExists).
    /// </summary>
    public static void Write(string path, Action<Stream> write, bool ownerOnly = false, bool overwrite = true)
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
            using (var fs = ownerOnly ? OwnerOnlyFile.CreateNew(tmp) : new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
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
