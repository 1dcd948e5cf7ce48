using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine;
using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Durations;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Deletes blocks from a bucket the way Thanos does: a deletion mark the compactor acts on after its
/// delete delay, or with -Force at once (meta.json first). By id, or by the compactor's retention rule.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "ThanosBlock", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class RemoveThanosBlockCommand : ThanosLabCmdlet
{
    private const string IdSet = "Id";
    private const string RetentionSet = "Retention";

    private IBucket? _bucket;

    /// <summary>Block ids; ThanosBlock objects and Test-ThanosBucket findings bind by their Id.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("BlockId", "Ulid")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public ThanosBucketConfig Bucket { get; set; } = null!;

    /// <summary>--retention.resolution-raw: raw blocks whose maxTime is older than this go.</summary>
    [Parameter(ParameterSetName = RetentionSet)]
    [DurationTransformation]
    [Alias("RetentionRaw")]
    public TimeSpan RawOlderThan { get; set; }

    /// <summary>--retention.resolution-5m.</summary>
    [Parameter(ParameterSetName = RetentionSet)]
    [DurationTransformation]
    [Alias("Retention5m")]
    public TimeSpan FiveMinuteOlderThan { get; set; }

    /// <summary>--retention.resolution-1h.</summary>
    [Parameter(ParameterSetName = RetentionSet)]
    [DurationTransformation]
    [Alias("Retention1h")]
    public TimeSpan OneHourOlderThan { get; set; }

    /// <summary>The time retention is measured from; now by default.</summary>
    [Parameter(ParameterSetName = RetentionSet)]
    [Alias("Now")]
    public DateTimeOffset? At { get; set; }

    /// <summary>Free text for the deletion mark.</summary>
    [Parameter]
    public string? Details { get; set; }

    /// <summary>Delete the blocks' objects now instead of marking them for deletion.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private IBucket OpenBucket => _bucket ??= Bucket.Config.Open();

    protected override void ProcessRecordCore()
    {
        if (ParameterSetName != IdSet) return;
        foreach (var id in Id)
        {
            try
            {
                Remove(id, Details, null);
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, id);
            }
        }
    }

    protected override void EndProcessingCore()
    {
        try
        {
            if (ParameterSetName == RetentionSet) ApplyRetention();
        }
        finally
        {
            _bucket?.Dispose();
            _bucket = null;
        }
    }

    private void ApplyRetention()
    {
        BlockRetention retention;
        try
        {
            retention = new BlockRetention(RawOlderThan, FiveMinuteOlderThan, OneHourOlderThan).Validated();
        }
        catch (ThanosLabException e)
        {
            ThrowEngineError(e);
            throw;
        }
        if (retention.KeepsEverything)
        {
            WriteWarning("No retention was given (every duration is 0), so no block expires; nothing was removed.");
            return;
        }
        var now = At ?? DateTimeOffset.UtcNow;
        var (expired, unreadable) = Await(retention.SelectAsync(OpenBucket, now, BucketBlockCatalog.DefaultParallelism, Cancellation));
        if (unreadable.Count > 0)
        {
            var named = string.Join(", ", unreadable.Take(10).Select(b => b.Id)) + (unreadable.Count > 10 ? $" and {unreadable.Count - 10} more" : "");
            WriteWarning($"{unreadable.Count} block(s) have no readable meta.json, so retention cannot judge them and they were skipped: {named}. Test-ThanosBucket shows why.");
        }
        WriteVerbose($"{expired.Count} block(s) of {OpenBucket.Location} expired at {now:u} ({Describe(retention)}).");
        foreach (var block in expired)
        {
            var meta = block.Meta!;
            var resolution = DownsampleResolution.Of(meta);
            var why = $"maxTime {DateTimeOffset.FromUnixTimeMilliseconds(meta.MaxTime):u}, {DownsampleResolution.Name(resolution)} retention {GoDuration.Format(retention.For(resolution))}, expired {retention.ExpiresAt(meta):u}";
            try
            {
                Remove(block.Id, Details ?? retention.MarkDetails(meta), why);
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, block.Id);
            }
        }
    }

    private void Remove(string id, string? details, string? why)
    {
        var bucket = OpenBucket;
        id = Engine.Tsdb.Meta.BlockUlid.RequireId(id);
        var target = $"block {id} in {bucket.Location}" + (why is null ? "" : $" ({why})");
        if (Force)
        {
            if (!ShouldProcessHighImpact(target, "Delete the block now (meta.json first, then its data and marks)")) return;
            var deleted = Await(BlockDeleter.DeleteAsync(bucket, id, Cancellation));
            WriteVerbose($"Deleted block {id}: {deleted} object(s) from {bucket.Location}.");
            return;
        }
        if (!ShouldProcessHighImpact(target, $"Write {BlockMark.DeletionFileName} (the compactor deletes the block for good after its --delete-delay)")) return;
        var (mark, written) = Await(BlockMarker.SetAsync(bucket, BlockMark.Create(BlockMarkKind.Deletion, id, DateTimeOffset.UtcNow, details), Cancellation));
        if (!written) WriteWarning($"Block {id} already has a {mark.FileName} from {mark.Time:u}; it is kept, and the compactor's delay counts from it.");
        WriteVerbose($"Marked block {id} for deletion: {bucket.LocationOf(mark.Key)}.");
    }

    private static string Describe(BlockRetention r) =>
        $"raw {GoDuration.Format(r.Raw)}, 5m {GoDuration.Format(r.FiveMinutes)}, 1h {GoDuration.Format(r.OneHour)}; 0s keeps for ever";
}
