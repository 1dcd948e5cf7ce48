using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore;

/// <summary>A block whose meta.json (<see cref="Meta"/>, as uploaded) is now in the bucket at <see cref="Location"/>.</summary>
public sealed record UploadedBlock(BlockMeta Meta, string LocalPath, string Location, long SizeBytes);
