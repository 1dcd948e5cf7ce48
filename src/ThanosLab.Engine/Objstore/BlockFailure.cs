namespace ThanosLab.Engine.Objstore;

/// <summary>Which failures belong to one block of a bucket, so that work over many blocks reports it and goes on.</summary>
public static class BlockFailure
{
    /// <summary>
    /// True for a block's own trouble (objects missing or gone, data that does not read, data the work refuses);
    /// false for the bucket's or the machine's (access, credentials, connection, timeouts, the local disk),
    /// which every other block would meet too.
    /// </summary>
    public static bool BelongsToTheBlock(ThanosLabException e) =>
        e.Kind is ErrorKind.InvalidData or ErrorKind.ObjectNotFound or ErrorKind.InvalidArgument or ErrorKind.ReadError;
}
