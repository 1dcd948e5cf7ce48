using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Generation;

/// <summary>A block <see cref="BlockGenerator"/> wrote: its meta.json content, directory and size.</summary>
public sealed record GeneratedBlock(BlockMeta Meta, string Path, long SizeBytes);
