namespace ThanosLab.Engine.Objstore;

/// <summary>The verdict on one local block: status, what was found wrong, and whether thanos.shipper.json lists it.</summary>
public sealed record BlockUploadCheck(string Id, string LocalPath, string Location, BlockUploadStatus Status, IReadOnlyList<string> Details)
{
    /// <summary>Listed in thanos.shipper.json; null when the data directory has no readable shipper file.</summary>
    public bool? InShipperState { get; init; }

    /// <summary>Uploaded, or not expected in the bucket.</summary>
    public bool Passed => Status is BlockUploadStatus.Uploaded or BlockUploadStatus.NotEligible;
}
