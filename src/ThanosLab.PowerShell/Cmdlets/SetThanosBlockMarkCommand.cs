using System.Management.Automation;
using ThanosLab.Completion;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Cmdlets;

/// <summary>Marks blocks in a bucket for deletion or to be left out of compaction or downsampling, as <c>thanos tools bucket mark</c> does.</summary>
[Cmdlet(VerbsCommon.Set, "ThanosBlockMark", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ThanosBlockMark))]
public sealed class SetThanosBlockMarkCommand : BlockMarkCmdlet
{
    [Parameter(Mandatory = true)]
    public ThanosBlockMarkKind Kind { get; set; }

    /// <summary>Free text saying why, stored in the marker.</summary>
    [Parameter]
    public string? Details { get; set; }

    /// <summary>For NoCompact marks: manual (default), index-size-exceeding, block-index-out-of-order-chunk or downsample-vertical-compaction; for NoDownsample marks only manual.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(NoCompactReasonCompleter))]
    public string? Reason { get; set; }

    /// <summary>Write a deletion mark without the extra confirmation it otherwise asks for.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecordCore()
    {
        ForEachBlock(id =>
        {
            var bucket = OpenBucket;
            var mark = BlockMark.Create(ThanosBlockMark.ToEngine(Kind), id, DateTimeOffset.UtcNow, Details, Reason);
            var target = $"block {mark.Id} in {bucket.Location}";
            var approved = mark.Kind == BlockMarkKind.Deletion
                ? ShouldProcessIrreversible(target, $"Write {mark.FileName}",
                    "the compactor deletes a marked block for good once its --delete-delay (48h by default) has passed", Force)
                : ShouldProcess(target, $"Write {mark.FileName}");
            if (!approved) return;
            var (inBucket, written) = Await(BlockMarker.SetAsync(bucket, mark, Cancellation));
            if (!written) WriteWarning($"Block {mark.Id} already has a {mark.FileName} from {inBucket.Time:u}; it is kept.");
            WriteObject(ThanosBlockMark.From(inBucket, bucket.LocationOf(inBucket.Key)));
        });
    }
}
