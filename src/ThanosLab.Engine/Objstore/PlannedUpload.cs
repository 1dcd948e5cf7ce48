namespace ThanosLab.Engine.Objstore;

/// <summary>A local block and what the upload will do with it.</summary>
public sealed record PlannedUpload(LocalBlock Block, UploadDecision Decision)
{
    public string Id => Block.Id;

    /// <summary>For a block to upload, its data files and their sizes as listed when the upload was planned; empty otherwise.</summary>
    public IReadOnlyList<BlockFile> Files { get; init; } = Array.Empty<BlockFile>();
}
