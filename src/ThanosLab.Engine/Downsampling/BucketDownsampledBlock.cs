using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// A downsampled block <see cref="BucketDownsampler"/> uploaded: its meta.json as in the bucket, where it is,
/// the size of its files, the source block, and what the downsampler passed over.
/// </summary>
public sealed record BucketDownsampledBlock(BlockMeta Meta, string Location, long SizeBytes, BlockMeta Source, IReadOnlyList<string> Warnings);
