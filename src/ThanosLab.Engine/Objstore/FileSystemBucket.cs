using System.Runtime.CompilerServices;
using ThanosLab.Engine.IO;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// A bucket kept in a local directory, as Thanos' FILESYSTEM objstore lays it out (formats.md §14):
/// the object with key k is the file &lt;directory&gt;/&lt;prefix&gt;/k, parent directories are made on
/// demand and removed again when a delete empties them, and listings never show empty directories.
/// </summary>
public sealed class FileSystemBucket : IBucket
{
    // Uploads are written into this directory at the top of the bucket directory and renamed into place,
    // so a reader never sees half an object. It lies outside every block prefix: Thanos takes only ULID
    // names at the top for blocks, so even a file a killed process left there is never part of a block,
    // and our listings leave the directory out. Releases before it wrote hidden siblings with this
    // suffix; listings still skip those.
    private const string TempDirectoryName = ".thanoslab-tmp";
    private const string TempSuffix = ".thanoslab-tmp";

    // A temporary file untouched this long belongs to an upload that died; the next write removes it.
    private static readonly TimeSpan StaleTempAge = TimeSpan.FromHours(1);

    private static readonly EnumerationOptions AllEntries = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
    };

    private static readonly EnumerationOptions AllEntriesRecursive = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = true,
    };

    private readonly string _bucketDirectory;
    private readonly string _root;
    private readonly string _tempDirectory;
    private int _staleTempsSwept;

    /// <param name="directory">The bucket directory (absolute).</param>
    /// <param name="prefix">Key prefix inside it, validated as by <see cref="ObjectKey.ConfigPrefix"/>.</param>
    public FileSystemBucket(string directory, string prefix = "")
    {
        if (!Path.IsPathFullyQualified(directory))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "RelativeBucketDirectory",
                $"The bucket directory '{directory}' is not an absolute path.", directory);
        }
        _bucketDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (Path.GetPathRoot(_bucketDirectory) == _bucketDirectory)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "RootBucketDirectory",
                $"The bucket directory '{directory}' is a file-system root; give a directory of its own.", directory);
        }
        var p = ObjectKey.ConfigPrefix(prefix);
        _root = p.Length == 0 ? _bucketDirectory : Path.Combine(_bucketDirectory, p.Replace('/', Path.DirectorySeparatorChar));
        _tempDirectory = Path.Combine(_bucketDirectory, TempDirectoryName);
    }

    public string Location => _root;

    public string? LocalDirectory => _root;

    public string LocationOf(string key) => PathOf(key);

    public Task<bool> EnsureExistsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Directory.Exists(_bucketDirectory)) return Task.FromResult(false);
        RequireNotAFile();
        try
        {
            Directory.CreateDirectory(_bucketDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.WriteError, "BucketCreateFailed",
                $"Cannot create the bucket directory '{_bucketDirectory}': {e.Message}", _bucketDirectory, null, e);
        }
        return Task.FromResult(true);
    }

    public async IAsyncEnumerable<BucketObject> ListAsync(string prefix, bool recursive,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var dirPrefix = ObjectKey.DirectoryPrefix(prefix);
        RequireBucket();
        var dir = dirPrefix.Length == 0 ? _root : Path.Combine(_root, dirPrefix.TrimEnd('/').Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(dir)) yield break;
        List<BucketObject> found;
        try
        {
            found = recursive ? ListRecursive(dir, dirPrefix, cancellationToken) : ListLevel(dir, dirPrefix, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.ReadError, "BucketListFailed",
                $"Cannot list '{dir}': {e.Message}", dir, null, e);
        }
        // Ordinal order, as S3 lists keys, so both implementations iterate alike.
        found.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var o in found)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return o;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<BucketObject?> StatAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        cancellationToken.ThrowIfCancellationRequested();
        RequireBucket();
        var info = new FileInfo(path);
        return Task.FromResult(info.Exists ? ToObject(key, info) : null);
    }

    public async Task<byte[]> ReadAllBytesAsync(string key, long maxBytes, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        RequireBucket();
        try
        {
            // A FIFO or device someone put into the bucket directory is refused without being opened.
            if (File.Exists(path)) RegularFile.Inspect(path, _bucketDirectory);
            await using var fs = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Options = FileOptions.Asynchronous });
            if (fs.Length > maxBytes)
            {
                throw new ThanosLabException(ErrorKind.InvalidData, "ObjectTooLarge",
                    $"The object '{key}' in {Location} has {fs.Length} bytes, more than the {maxBytes} accepted.", key);
            }
            var buffer = new byte[fs.Length];
            await fs.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ThanosLabException(ErrorKind.ObjectNotFound, "ObjectNotFound",
                $"The object '{key}' does not exist in {Location}.", key, null, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.ReadError, "ObjectReadFailed",
                $"Cannot read the object '{key}' ({path}): {e.Message}", key, null, e);
        }
    }

    public async Task UploadFileAsync(string key, string localPath, long length, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        RequireBucket();
        var source = RegularFile.OpenRead(localPath, length);
        await using (source.ConfigureAwait(false))
        {
            await WriteAtomicallyAsync(key, path, (target, ct) => source.CopyToAsync(target, 1 << 20, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    public Task UploadBytesAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WriteAtomicallyAsync(key, PathOf(key), (target, ct) => target.WriteAsync(content, ct).AsTask(), cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        cancellationToken.ThrowIfCancellationRequested();
        RequireBucket();
        try
        {
            if (File.Exists(path)) File.Delete(path);
            RemoveEmptyParents(Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.WriteError, "ObjectDeleteFailed",
                $"Cannot delete the object '{key}' ({path}): {e.Message}", key, null, e);
        }
        return Task.CompletedTask;
    }

    public void Dispose()
    {
    }

    private async Task WriteAtomicallyAsync(string key, string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        RequireBucket();
        var dir = Path.GetDirectoryName(path)!;
        var tmp = Path.Combine(_tempDirectory, Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(dir);
            await using (var fs = CreateTemp(tmp))
            {
                await write(fs, cancellationToken).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(tmp, path, overwrite: true);
            RemoveTempDirectoryIfEmpty();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(tmp);
            RemoveTempDirectoryIfEmpty();
            throw new ThanosLabException(ErrorKind.WriteError, "ObjectWriteFailed",
                $"Cannot write the object '{key}' ({path}): {e.Message}", key, null, e);
        }
        catch
        {
            // Cancelled, or the source failed: the partial copy goes, the object is as it was.
            TryDelete(tmp);
            RemoveTempDirectoryIfEmpty();
            throw;
        }
    }

    private FileStream CreateTemp(string tmp)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.CreateDirectory(_tempDirectory);
                if (Interlocked.Exchange(ref _staleTempsSwept, 1) == 0) RemoveStaleTemps();
                return new FileStream(tmp, options);
            }
            catch (IOException) when (attempt < 10 && !File.Exists(tmp))
            {
                // Another writer removed the directory as it became empty, while we created it or opened in it.
            }
        }
    }

    // The directory goes when the last write in it ends, so a bucket at rest holds only its objects.
    private void RemoveTempDirectoryIfEmpty()
    {
        try
        {
            if (!Directory.EnumerateFileSystemEntries(_tempDirectory).Any()) Directory.Delete(_tempDirectory);
        }
        catch (IOException)
        {
            // Not empty (another write is under way), or already gone.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void RemoveStaleTemps()
    {
        var cutoff = DateTime.UtcNow - StaleTempAge;
        foreach (var f in new DirectoryInfo(_tempDirectory).EnumerateFiles("*", AllEntries))
        {
            if (f.LastWriteTimeUtc < cutoff) TryDelete(f.FullName);
        }
    }

    private string PathOf(string key)
    {
        ObjectKey.Validate(key);
        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (IsInTempDirectory(path))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidObjectKey",
                $"The object key '{key}' names ThanosLab's directory for temporary files ({TempDirectoryName}/), which holds no objects.", key);
        }
        // ObjectKey already rules out every way out of the root; this guards the rule itself.
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidObjectKey",
                $"The object key '{key}' names a path outside the bucket directory.", key);
        }
        return path;
    }

    private void RequireBucket()
    {
        if (!Directory.Exists(_bucketDirectory))
        {
            RequireNotAFile();
            throw new ThanosLabException(ErrorKind.ObjectNotFound, "BucketNotFound",
                $"The bucket directory '{_bucketDirectory}' does not exist.", _bucketDirectory,
                "Create it with New-ThanosBucket -Bucket <config>, or check the directory in the bucket configuration.");
        }
    }

    private void RequireNotAFile()
    {
        if (!File.Exists(_bucketDirectory)) return;
        throw new ThanosLabException(ErrorKind.InvalidArgument, "BucketDirectoryIsAFile",
            $"The bucket directory '{_bucketDirectory}' is a file, not a directory; a FILESYSTEM bucket keeps its objects in a directory.", _bucketDirectory,
            "Give the bucket configuration a directory (New-ThanosBucketConfig -FileSystem -Directory <dir>), not a file.");
    }

    private List<BucketObject> ListLevel(string dir, string dirPrefix, CancellationToken cancellationToken)
    {
        var found = new List<BucketObject>();
        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", AllEntries))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (entry)
            {
                case FileInfo f when !IsTemp(f.Name):
                    found.Add(ToObject(dirPrefix + f.Name, f));
                    break;
                case DirectoryInfo d when !IsInTempDirectory(d.FullName) && HasObjects(d):
                    found.Add(new BucketObject(dirPrefix + d.Name + "/", 0, null));
                    break;
            }
        }
        return found;
    }

    private List<BucketObject> ListRecursive(string dir, string dirPrefix, CancellationToken cancellationToken)
    {
        var found = new List<BucketObject>();
        foreach (var f in new DirectoryInfo(dir).EnumerateFiles("*", AllEntriesRecursive))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsTemp(f.Name) || IsInTempDirectory(f.FullName)) continue;
            var relative = Path.GetRelativePath(dir, f.FullName).Replace(Path.DirectorySeparatorChar, '/');
            found.Add(ToObject(dirPrefix + relative, f));
        }
        return found;
    }

    private static bool HasObjects(DirectoryInfo d) =>
        d.EnumerateFiles("*", AllEntriesRecursive).Any(f => !IsTemp(f.Name));

    private static bool IsTemp(string name) => name.EndsWith(TempSuffix, StringComparison.Ordinal);

    private bool IsInTempDirectory(string path) =>
        path == _tempDirectory || path.StartsWith(_tempDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static BucketObject ToObject(string key, FileInfo f) =>
        new(key, f.Length, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero));

    private void RemoveEmptyParents(string dir)
    {
        while (dir.Length > _root.Length && dir.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
        {
            Directory.Delete(dir);
            dir = Path.GetDirectoryName(dir)!;
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
