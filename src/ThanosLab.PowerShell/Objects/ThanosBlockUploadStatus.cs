using ThanosLab.Engine.Objstore;

namespace ThanosLab;

/// <summary>One local block's standing in the bucket: part of a ThanosBucketUploadResult.</summary>
public sealed class ThanosBlockUploadStatus
{
    public string Id { get; set; } = "";

    public ThanosUploadStatus Status { get; set; }

    /// <summary>What was found wrong, one sentence each (files named by their path in the block).</summary>
    public string[] Details { get; set; } = Array.Empty<string>();

    /// <summary>Uploaded, or not expected in the bucket.</summary>
    public bool Passed { get; set; }

    /// <summary>Listed in thanos.shipper.json; null when the data directory has no shipper file.</summary>
    public bool? InShipperState { get; set; }

    /// <summary>The local block directory.</summary>
    public string Path { get; set; } = "";

    public string BucketLocation { get; set; } = "";

    internal static ThanosBlockUploadStatus From(BlockUploadCheck check) => new()
    {
        Id = check.Id,
        Status = Enum.Parse<ThanosUploadStatus>(check.Status.ToString()),
        Details = check.Details.ToArray(),
        Passed = check.Passed,
        InShipperState = check.InShipperState,
        Path = check.LocalPath,
        BucketLocation = check.Location,
    };

    public override string ToString() => Details.Length == 0 ? $"{Id}: {Status}" : $"{Id}: {Status} ({string.Join("; ", Details)})";
}
