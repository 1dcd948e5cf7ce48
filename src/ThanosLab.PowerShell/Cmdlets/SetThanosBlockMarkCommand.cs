using System.Management.Automation;
using ThanosLab.Completion;
using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Cmdlets;

/// <summary>Marks blocks in a bucket for deletion or to be left out of compaction, as <c>thanos tools bucket mark</c> does.</summary>
[Cmdlet(VerbsCommon.Set, "ThanosBlockMark", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ThanosBlockMark))]
public sealed class SetThanosBlockMarkCommand : ThanosLabCmdlet
{
    private IBucket? _bucket;

    /// <summary>Block ids (a ThanosBlock's Id binds here by property name).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("BlockId", "Ulid")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public ThanosBucketConfig Bucket { get; set; } = null!;

    [Parameter(Mandatory = true)]
    public ThanosBlockMarkKind Kind { get; set; }

    /// <summary>Free text saying why, stored in the marker.</summary>
    [Parameter]
    public string? Details { get; set; }

    /// <summary>For NoCompact marks: manual (default), index-size-exceeding, block-index-out-of-order-chunk or downsample-vertical-compaction.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(NoCompactReasonCompleter))]
    public string? Reason { get; set; }

    protected override void BeginProcessing() => _bucket = Bucket.Config.Open();

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            try
            {
                var mark = BlockMark.Create(ThanosBlockMark.ToEngine(Kind), id, DateTimeOffset.UtcNow, Details, Reason);
                if (!ShouldProcess($"block {mark.Id} in {_bucket!.Location}", $"Write {mark.FileName}")) continue;
                var (inBucket, written) = Await(BlockMarker.SetAsync(_bucket, mark, Cancellation));
                if (!written) WriteWarning($"Block {mark.Id} already has a {mark.FileName} from {inBucket.Time:u}; it is kept.");
                WriteObject(ThanosBlockMark.From(inBucket, _bucket.LocationOf(inBucket.Key)));
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, id);
            }
        }
    }

    protected override void EndProcessing() => _bucket?.Dispose();
}
