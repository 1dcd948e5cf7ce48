namespace ThanosLab.Engine.Objstore;

/// <summary>
/// Reported after every transferred object; <see cref="Completed"/> is set when that object was a
/// block's meta.json, i.e. the block is now visible in the bucket.
/// </summary>
public sealed record UploadProgress(long BytesDone, long BytesTotal, int BlocksDone, int BlocksTotal, UploadedBlock? Completed);
