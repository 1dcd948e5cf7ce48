namespace ThanosLab.Engine.Objstore;

/// <summary>The result of comparing local blocks with the bucket.</summary>
public sealed record BucketUploadReport(IReadOnlyList<BlockUploadCheck> Blocks, IReadOnlyList<LocalBlockProblem> Problems)
{
    /// <summary>Every block passed and every block directory could be read.</summary>
    public bool Passed => Problems.Count == 0 && Blocks.All(b => b.Passed);

    /// <summary>True when a wait ended at its timeout rather than with a pass.</summary>
    public bool TimedOut { get; init; }
}
