namespace ThanosLab.Engine.Tsdb.Meta;

/// <summary>meta.json <c>compaction</c>: level 1 for blocks cut from a head or generated.</summary>
public sealed record BlockCompaction(int Level, IReadOnlyList<Ulid> Sources)
{
    /// <summary>The sources as text, for the PowerShell layer, which cannot see the Ulid type.</summary>
    public IEnumerable<string> SourceIds => Sources.Select(s => s.ToString());

    public bool Deletable { get; init; }
    public IReadOnlyList<BlockDesc> Parents { get; init; } = Array.Empty<BlockDesc>();
    public bool Failed { get; init; }
    public IReadOnlyList<string> Hints { get; init; } = Array.Empty<string>();
}
