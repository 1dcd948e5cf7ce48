namespace ThanosLab.Engine.Objstore;

/// <summary>
/// An object-storage bucket as Thanos' objstore sees it: flat keys with '/' as the only
/// structure, no directory objects. Keys are relative to the configured prefix; implementations
/// add it. Everything read back is untrusted.
/// </summary>
public interface IBucket : IDisposable
{
    /// <summary>Where the bucket is, for people: <c>s3://thanos/prefix</c> or a directory path. Never holds a secret.</summary>
    string Location { get; }

    /// <summary>The local directory that holds the objects (prefix included) when the bucket is kept on this machine; null otherwise.</summary>
    string? LocalDirectory => null;

    /// <summary>Where <paramref name="key"/> is, in the form of <see cref="Location"/>.</summary>
    string LocationOf(string key);

    /// <summary>Creates the bucket when it does not exist; returns false when it already existed.</summary>
    Task<bool> EnsureExistsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The objects whose keys start with <paramref name="prefix"/>. Not recursive: objects directly
    /// under the prefix, and each deeper level once as a "directory" key ending in '/' (size 0), like
    /// objstore's Iter. Recursive: every object below the prefix, no directory keys.
    /// </summary>
    IAsyncEnumerable<BucketObject> ListAsync(string prefix, bool recursive, CancellationToken cancellationToken);

    /// <summary>The object's size and time, or null when it does not exist.</summary>
    Task<BucketObject?> StatAsync(string key, CancellationToken cancellationToken);

    /// <summary>The object's content; an object larger than <paramref name="maxBytes"/> is an InvalidData error.</summary>
    Task<byte[]> ReadAllBytesAsync(string key, long maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Uploads the first <paramref name="length"/> bytes of a local regular file (its size when it was
    /// inspected; never more, whatever the file holds by now); readers never see the object half-written.
    /// </summary>
    Task UploadFileAsync(string key, string localPath, long length, CancellationToken cancellationToken);

    Task UploadBytesAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Deletes the object; deleting a missing object is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
