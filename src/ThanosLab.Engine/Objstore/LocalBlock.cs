using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore;

/// <summary>A block directory on disk with the meta.json read from it.</summary>
public sealed record LocalBlock(string Path, BlockMeta Meta)
{
    public string Id => Meta.Id;
}
