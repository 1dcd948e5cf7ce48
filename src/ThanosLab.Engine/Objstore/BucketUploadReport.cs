namespace ThanosLab.Engine.Objstore;

/// <summary>The result of comparing local blocks with the bucket.</summary>
public sealed record BucketUploadReport(IReadOnlyList<BlockUploadCheck> Blocks, IReadOnlyList<LocalBlockProblem> Problems)
{
    /// <summary>At least one block was checked, every block passed and every block directory could be read: a check over nothing is not a pass.</summary>
    public bool Passed => Blocks.Count > 0 && Problems.Count == 0 && Blocks.All(b => b.Passed);

    /// <summary>True when a wait ended at its timeout rather than with a pass.</summary>
    public bool TimedOut { get; init; }
}
