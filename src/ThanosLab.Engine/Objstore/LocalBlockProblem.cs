namespace ThanosLab.Engine.Objstore;

/// <summary>A ULID directory of a data directory that is not a readable block.</summary>
public sealed record LocalBlockProblem(string Id, ThanosLabException Error);
