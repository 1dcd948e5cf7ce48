using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Downsampling;

/// <summary>A block <see cref="BlockDownsampler"/> wrote: its meta, where it is, its size, what it came from and what was passed over.</summary>
public sealed record DownsampledBlock(BlockMeta Meta, string Path, long SizeBytes, BlockMeta Source, IReadOnlyList<string> Warnings);
