using ThanosLab.Engine.Objstore.Doctor;

namespace ThanosLab;

/// <summary>One raw or 5m block in a bucket and what the compactor's downsampler does with it.</summary>
public sealed class ThanosDownsampleStatus
{
    public string Id { get; set; } = "";

    /// <summary>The block's resolution: zero for raw data.</summary>
    public TimeSpan Resolution { get; set; }

    /// <summary>The resolution the compactor downsamples it to: 5m for raw, 1h for 5m.</summary>
    public TimeSpan TargetResolution { get; set; }

    public DateTimeOffset MinTime { get; set; }

    public DateTimeOffset MaxTime { get; set; }

    public ThanosDownsampleState Status { get; set; }

    /// <summary>The blocks of the target resolution that hold the block's sources.</summary>
    public string[] DownsampledTo { get; set; } = Array.Empty<string>();

    /// <summary>How many of the block's sources no block of the target resolution holds.</summary>
    public int MissingSources { get; set; }

    /// <summary>Why the compactor does not downsample it (NotEligible only).</summary>
    public string? Reason { get; set; }

    public string BucketLocation { get; set; } = "";

    internal static ThanosDownsampleStatus From(BlockDownsampleStatus status) => new()
    {
        Id = status.Block.Id,
        Resolution = TimeSpan.FromMilliseconds(status.Resolution),
        TargetResolution = TimeSpan.FromMilliseconds(status.Target),
        MinTime = DateTimeOffset.FromUnixTimeMilliseconds(status.Block.Meta!.MinTime),
        MaxTime = DateTimeOffset.FromUnixTimeMilliseconds(status.Block.Meta!.MaxTime),
        Status = Enum.Parse<ThanosDownsampleState>(status.State.ToString()),
        DownsampledTo = status.DownsampledTo.ToArray(),
        MissingSources = status.MissingSources,
        Reason = status.Reason,
        BucketLocation = status.Block.Location,
    };

    public override string ToString() => Reason is null ? $"{Id}: {Status}" : $"{Id}: {Status} ({Reason})";
}
