namespace ThanosLab.Engine.Downsampling;

/// <summary>Where <see cref="BucketDownsampler"/> is with one source block.</summary>
public enum BucketDownsampleStage
{
    Downloading,
    Downsampling,
    Uploading,

    /// <summary>The downsampled block's meta.json is in the bucket.</summary>
    Done,

    /// <summary>The block failed on its own (its objects or data); nothing of its result is left in the bucket, the other blocks go on.</summary>
    Failed,
}
