namespace ThanosLab.Engine.Objstore;

/// <summary>
/// Where a bucket kept on this machine may be relative to a data directory it is compared with or
/// uploaded from: not in it. Its objects would mix with the local blocks, every block would look
/// uploaded already, and a check would compare each block with itself.
/// </summary>
public static class BucketPlacement
{
    /// <param name="dataDirectory">Absolute, without a trailing separator.</param>
    public static void RequireOutside(IBucket bucket, string dataDirectory)
    {
        if (bucket.LocalDirectory is not { } local) return;
        var directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(local));
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var same = string.Equals(directory, dataDirectory, comparison);
        if (!same && !directory.StartsWith(dataDirectory + Path.DirectorySeparatorChar, comparison)) return;
        throw new ThanosLabException(ErrorKind.InvalidArgument, "BucketInsideDataDirectory",
            $"The FILESYSTEM bucket directory '{directory}' is {(same ? "the data directory itself" : "inside the data directory")} '{dataDirectory}': its objects would mix with the local blocks, and every block would look uploaded already.",
            directory, "Give the bucket a directory outside the data directory, e.g. New-ThanosBucketConfig -FileSystem -Directory ./bucket next to ./data.");
    }
}
