using ThanosLab.Engine.Durations;
using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// The compactor's retention by resolution (<c>--retention.resolution-raw</c>, <c>-5m</c>, <c>-1h</c>;
/// ApplyRetentionPolicyByResolution in pkg/compact/retention.go): a block expires once now is after its
/// maxTime, cut to whole seconds, plus the retention of its resolution. Zero keeps a resolution for ever,
/// as in Thanos, and no retention at all is the default.
/// </summary>
public sealed record BlockRetention(TimeSpan Raw, TimeSpan FiveMinutes, TimeSpan OneHour)
{
    /// <summary>Refuses a negative retention, naming the resolution and the value.</summary>
    public BlockRetention Validated()
    {
        foreach (var (name, value) in new[] { ("raw", Raw), ("5m", FiveMinutes), ("1h", OneHour) })
        {
            if (value < TimeSpan.Zero)
            {
                throw new ThanosLabException(ErrorKind.InvalidArgument, "NegativeRetention",
                    $"The retention of {name} blocks is {GoDuration.Format(value)}; a retention is a positive duration such as '30d' (0 keeps the blocks for ever).", value,
                    "Give how long blocks of that resolution are kept, such as '90d'.");
            }
        }
        return this;
    }

    /// <summary>No resolution has a retention: nothing ever expires.</summary>
    public bool KeepsEverything => Raw == TimeSpan.Zero && FiveMinutes == TimeSpan.Zero && OneHour == TimeSpan.Zero;

    /// <summary>The retention of blocks of <paramref name="resolution"/> (milliseconds); zero for a resolution Thanos has no flag for.</summary>
    public TimeSpan For(long resolution) => resolution switch
    {
        DownsampleResolution.Raw => Raw,
        DownsampleResolution.FiveMinutes => FiveMinutes,
        DownsampleResolution.OneHour => OneHour,
        _ => TimeSpan.Zero,
    };

    /// <summary>When <paramref name="meta"/>'s block expires; null when its resolution is kept for ever.</summary>
    public DateTimeOffset? ExpiresAt(BlockMeta meta)
    {
        var retention = For(DownsampleResolution.Of(meta));
        return retention == TimeSpan.Zero ? null : DateTimeOffset.FromUnixTimeSeconds(meta.MaxTime / 1000) + retention;
    }

    /// <summary>The details Thanos writes into the deletion mark of an expired block.</summary>
    public string MarkDetails(BlockMeta meta) => $"block exceeding retention of {GoDuration.Format(For(DownsampleResolution.Of(meta)))}";

    /// <summary>
    /// The blocks of <paramref name="bucket"/> the compactor's retention would delete at <paramref name="now"/>,
    /// oldest first, from one listing and one meta.json read per block; blocks whose meta.json is missing or
    /// does not read are returned apart, since no rule can be applied to them.
    /// </summary>
    public async Task<(IReadOnlyList<BucketBlock> Expired, IReadOnlyList<BucketBlock> Unreadable)> SelectAsync(IBucket bucket, DateTimeOffset now, int parallelism, CancellationToken cancellationToken)
    {
        var blocks = await BucketBlockCatalog.ReadAsync(bucket, null, parallelism, cancellationToken).ConfigureAwait(false);
        var expired = blocks.Where(b => b.Meta is not null && ExpiresAt(b.Meta) is { } at && now > at)
            .OrderBy(b => b.Meta!.MaxTime).ThenBy(b => b.Id, StringComparer.Ordinal).ToArray();
        return (expired, blocks.Where(b => b.Meta is null).ToArray());
    }
}
