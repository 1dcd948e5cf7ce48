namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// What <see cref="BucketDownsampler"/> reports about one source block: the stage it reached, the bytes of
/// that stage (downloaded, or uploaded so far), and at the end the block written or the block's own failure.
/// </summary>
public sealed record BucketDownsampleProgress(string SourceId, BucketDownsampleStage Stage, long Bytes)
{
    public BucketDownsampledBlock? Written { get; init; }

    public ThanosLabException? Error { get; init; }
}
