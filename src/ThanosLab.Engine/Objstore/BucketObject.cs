namespace ThanosLab.Engine.Objstore;

/// <summary>One listed object: its key relative to the bucket prefix ('/'-terminated for a directory level).</summary>
public sealed record BucketObject(string Key, long Size, DateTimeOffset? LastModified)
{
    public bool IsDirectory => Key.EndsWith('/');
}
