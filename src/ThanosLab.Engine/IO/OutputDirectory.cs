namespace ThanosLab.Engine.IO;

/// <summary>
/// Prepares a directory that something will be written into, failing early with a clear error when
/// the path is a file or the directory cannot be created or written.
/// </summary>
public static class OutputDirectory
{
    public static string Ensure(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "OutputDirectoryIsFile",
                $"The output directory '{full}' is a file; a directory is needed.", path,
                "Give the path of a directory, existing or new.");
        }
        var probe = Path.Combine(full, ".thanoslab-write-probe-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(full);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.PermissionDenied, "OutputDirectoryNotWritable",
                $"Cannot write into the output directory '{full}': {e.Message}", path,
                "Give a directory you can create files in.", e);
        }
        return full;
    }
}
