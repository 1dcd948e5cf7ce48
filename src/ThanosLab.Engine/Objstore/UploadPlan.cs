namespace ThanosLab.Engine.Objstore;

/// <summary>
/// The outcome of looking at a data directory and the bucket before anything is uploaded: one entry per
/// local block in minTime order, the shipper state read, and blocks that could not be read.
/// </summary>
public sealed record UploadPlan(string DataDirectory, ShipperState PreviousState, IReadOnlyList<PlannedUpload> Blocks, IReadOnlyList<LocalBlockProblem> Problems)
{
    /// <summary>Every readable local block in minTime order, asked for or not: the shipper state is rebuilt from them.</summary>
    public IReadOnlyList<LocalBlock> LocalBlocks { get; init; } = Array.Empty<LocalBlock>();

    /// <summary>
    /// Blocks skipped as recorded in thanos.shipper.json that the bucket has neither as a block nor among the
    /// compaction sources of a block: recorded for another bucket, most likely.
    /// </summary>
    public IReadOnlyList<string> RecordedNotInBucket { get; init; } = Array.Empty<string>();

    /// <summary>Blocks skipped as recorded whose meta.json in the bucket has another value for an external label asked for.</summary>
    public IReadOnlyList<string> RecordedWithOtherLabels { get; init; } = Array.Empty<string>();

    public IEnumerable<PlannedUpload> ToUpload => Blocks.Where(b => b.Decision == UploadDecision.Upload);
}
