namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>
/// One problem in a bucket. <see cref="Blocks"/> names every block involved; <see cref="Targets"/> the
/// ones <see cref="Recommendation"/> says to act on (for an overlap all of them, for a duplicate only
/// the duplicate, never the block that covers it).
/// </summary>
public sealed record BucketFinding(BucketFindingKind Kind, IReadOnlyList<string> Blocks, BlockStream? Stream, string Message, string Recommendation)
{
    public IReadOnlyList<string> Targets { get; init; } = Blocks;

    /// <summary>The mark that sets the targets aside, where one applies.</summary>
    public BlockMarkKind? RecommendedMark { get; init; }
}
