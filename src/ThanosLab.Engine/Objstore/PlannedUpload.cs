namespace ThanosLab.Engine.Objstore;

/// <summary>A local block and what the upload will do with it.</summary>
public sealed record PlannedUpload(LocalBlock Block, UploadDecision Decision)
{
    public string Id => Block.Id;
}
