using System.Collections.Specialized;
using ThanosLab.Binding;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Objstore.Doctor;

namespace ThanosLab;

/// <summary>
/// One problem Test-ThanosBucket found. <see cref="Id"/> holds the blocks to act on and binds by
/// property name to Set-ThanosBlockMark -Id; <see cref="Blocks"/> every block involved.
/// </summary>
public sealed class ThanosBucketFinding
{
    /// <summary>Overlap, DuplicateCompaction, PartialUpload, UnreadableMeta, MissingDownsample, DeletionPending; with -Deep also OutOfOrderChunks, IndexIssue, MetaMismatch.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The blocks the recommendation is about: all blocks of an overlap, only the duplicate of a duplicated compaction.</summary>
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Every block involved, the ones that are fine included (such as the block covering a duplicate).</summary>
    public string[] Blocks { get; set; } = Array.Empty<string>();

    /// <summary>The compaction group as Thanos logs it, <c>raw@{cluster="one"}</c>; empty when the block has no readable meta.json.</summary>
    public string Stream { get; set; } = "";

    /// <summary>The stream's external labels.</summary>
    public OrderedDictionary Labels { get; set; } = new();

    /// <summary>The stream's downsampling resolution: zero for raw data.</summary>
    public TimeSpan Resolution { get; set; }

    public string Message { get; set; } = "";

    public string Recommendation { get; set; } = "";

    /// <summary>The mark Set-ThanosBlockMark -Kind would set on <see cref="Id"/>, where one applies.</summary>
    public ThanosBlockMarkKind? RecommendedMark { get; set; }

    /// <summary>Where the bucket is.</summary>
    public string BucketLocation { get; set; } = "";

    internal static ThanosBucketFinding From(BucketFinding finding, string bucketLocation) => new()
    {
        Kind = finding.Kind.ToString(),
        Id = finding.Targets.ToArray(),
        Blocks = finding.Blocks.ToArray(),
        Stream = finding.Stream?.ToString() ?? "",
        Labels = finding.Stream is { } s ? LabelArguments.ToDictionary(s.Labels) : new OrderedDictionary(),
        Resolution = TimeSpan.FromMilliseconds(finding.Stream?.Resolution ?? 0),
        Message = finding.Message,
        Recommendation = finding.Recommendation,
        RecommendedMark = finding.RecommendedMark is { } m ? (m == BlockMarkKind.Deletion ? ThanosBlockMarkKind.Deletion : ThanosBlockMarkKind.NoCompact) : null,
        BucketLocation = bucketLocation,
    };

    /// <summary>The finding as the report draws it on its blocks; false when <see cref="Kind"/> is no kind the doctor reports.</summary>
    internal bool TryToBucketFinding(out BucketFinding finding)
    {
        finding = null!;
        if (!Enum.TryParse<BucketFindingKind>(Kind, ignoreCase: false, out var kind) || !Enum.IsDefined(kind)) return false;
        finding = new BucketFinding(kind, Blocks, null, Message, Recommendation) { Targets = Id };
        return true;
    }

    public override string ToString() => $"{Kind} {string.Join(",", Blocks)}";
}
