using System.Management.Automation;
using ThanosLab.Completion;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Cmdlets;

/// <summary>Marks blocks in a bucket for deletion or to be left out of compaction, as <c>thanos tools bucket mark</c> does.</summary>
[Cmdlet(VerbsCommon.Set, "ThanosBlockMark", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ThanosBlockMark))]
public sealed class SetThanosBlockMarkCommand : BlockMarkCmdlet
{
    [Parameter(Mandatory = true)]
    public ThanosBlockMarkKind Kind { get; set; }

    /// <summary>Free text saying why, stored in the marker.</summary>
    [Parameter]
    public string? Details { get; set; }

    /// <summary>For NoCompact marks: manual (default), index-size-exceeding, block-index-out-of-order-chunk or downsample-vertical-compaction.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(NoCompactReasonCompleter))]
    public string? Reason { get; set; }

    protected override void ProcessRecordCore()
    {
        ForEachBlock(id =>
        {
            var bucket = OpenBucket;
            var mark = BlockMark.Create(ThanosBlockMark.ToEngine(Kind), id, DateTimeOffset.UtcNow, Details, Reason);
            if (!ShouldProcess($"block {mark.Id} in {bucket.Location}", $"Write {mark.FileName}")) return;
            var (inBucket, written) = Await(BlockMarker.SetAsync(bucket, mark, Cancellation));
            if (!written) WriteWarning($"Block {mark.Id} already has a {mark.FileName} from {inBucket.Time:u}; it is kept.");
            WriteObject(ThanosBlockMark.From(inBucket, bucket.LocationOf(inBucket.Key)));
        });
    }
}
