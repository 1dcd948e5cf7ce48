using ThanosLab.Engine.Objstore;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// What <see cref="BucketDownsampleChecker"/> found: a check per downsampled block whose source is in the
/// bucket, the downsampled blocks whose source is not (raw retention, or a deletion, took it), and the
/// blocks that failed on their own (an object that does not download, data that does not read).
/// </summary>
public sealed record BucketDownsampleTest(
    IReadOnlyList<DownsampleCheck> Checks,
    IReadOnlyList<BucketBlock> WithoutSource,
    IReadOnlyList<(string Id, ThanosLabException Error)> Failures);
