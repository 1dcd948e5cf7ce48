namespace ThanosLab.Engine.Objstore;

/// <summary>
/// The outcome of looking at a data directory and the bucket before anything is uploaded: one entry per
/// local block in minTime order, the shipper state read, and blocks that could not be read.
/// </summary>
public sealed record UploadPlan(string DataDirectory, ShipperState PreviousState, IReadOnlyList<PlannedUpload> Blocks, IReadOnlyList<LocalBlockProblem> Problems)
{
    /// <summary>Every readable local block in minTime order, asked for or not: the shipper state is rebuilt from them.</summary>
    public IReadOnlyList<LocalBlock> LocalBlocks { get; init; } = Array.Empty<LocalBlock>();

    public IEnumerable<PlannedUpload> ToUpload => Blocks.Where(b => b.Decision == UploadDecision.Upload);
}
