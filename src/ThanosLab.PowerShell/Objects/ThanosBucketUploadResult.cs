namespace ThanosLab;

/// <summary>What Test-ThanosBucketUpload found: whether every local block is complete in the bucket, and each block's status.</summary>
public sealed class ThanosBucketUploadResult
{
    public bool Passed { get; set; }

    /// <summary>True when -Wait ended at -Timeout rather than with a pass.</summary>
    public bool TimedOut { get; set; }

    public string BucketLocation { get; set; } = "";

    public ThanosBlockUploadStatus[] Blocks { get; set; } = Array.Empty<ThanosBlockUploadStatus>();

    /// <summary>The blocks that did not pass.</summary>
    public ThanosBlockUploadStatus[] Failed => Blocks.Where(b => !b.Passed).ToArray();

    public override string ToString() =>
        Passed ? $"Passed: {Blocks.Length} block(s) in {BucketLocation}" : $"Failed: {Failed.Length} of {Blocks.Length} block(s) not complete in {BucketLocation}";
}
