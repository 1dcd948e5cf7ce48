namespace ThanosLab.Engine.Tsdb.Meta;

/// <summary>
/// An entry of the Thanos section's <c>files</c>: a block file relative to the block, its size
/// (absent for meta.json) and an optional hash (<c>hashFunc</c> SHA256).
/// </summary>
public sealed record ThanosFile(string RelPath, long? SizeBytes, string? HashFunc = null, string? HashValue = null);
