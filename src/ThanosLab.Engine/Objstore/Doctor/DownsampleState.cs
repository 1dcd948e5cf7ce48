namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>Where a raw or 5m block stands with Thanos' downsampler.</summary>
public enum DownsampleState
{
    /// <summary>Every source of the block is in a block of the next resolution.</summary>
    Downsampled,

    /// <summary>The compactor would downsample the block but has not yet.</summary>
    Eligible,

    /// <summary>The compactor leaves the block as it is; the reason says why.</summary>
    NotEligible,
}
