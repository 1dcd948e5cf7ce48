namespace ThanosLab;

/// <summary>Where a raw or 5m block stands with Thanos' downsampler (Get-ThanosDownsampleStatus).</summary>
public enum ThanosDownsampleState
{
    /// <summary>Every source of the block is in a block of the next resolution (DownsampledTo).</summary>
    Downsampled,

    /// <summary>The compactor would downsample the block but has not yet.</summary>
    Eligible,

    /// <summary>The compactor leaves the block as it is (Reason).</summary>
    NotEligible,
}
