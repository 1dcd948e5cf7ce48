namespace ThanosLab.Engine.Objstore;

/// <summary>S3 server-side encryption settings (objstore's <c>sse_config</c>).</summary>
public sealed class S3SseConfig
{
    public const string SseS3 = "SSE-S3";
    public const string SseKms = "SSE-KMS";
    public const string SseC = "SSE-C";

    public static readonly S3SseConfig None = new();

    /// <summary>"" (none), SSE-S3, SSE-KMS or SSE-C.</summary>
    public string Type { get; init; } = "";

    /// <summary>The KMS key id for SSE-KMS.</summary>
    public string KmsKeyId { get; init; } = "";

    public IReadOnlyDictionary<string, string> KmsEncryptionContext { get; init; } = new Dictionary<string, string>();

    /// <summary>For SSE-C: the path of a file holding the 32-byte key (a path, not the key itself).</summary>
    public string EncryptionKey { get; init; } = "";

    public bool IsEmpty => Type.Length == 0 && KmsKeyId.Length == 0 && KmsEncryptionContext.Count == 0 && EncryptionKey.Length == 0;

    public void Validate()
    {
        switch (Type)
        {
            case "":
                if (!IsEmpty) throw Invalid("sets kms_key_id, kms_encryption_context or encryption_key without a type", Type);
                break;
            case SseS3:
                break;
            case SseKms:
                if (KmsKeyId.Length == 0) throw Invalid("is SSE-KMS without kms_key_id", KmsKeyId);
                break;
            case SseC:
                if (EncryptionKey.Length == 0) throw Invalid("is SSE-C without encryption_key (the path of a file holding the key)", EncryptionKey);
                break;
            default:
                throw Invalid($"has the type '{Type}'; accepted types: {SseS3}, {SseKms}, {SseC}", Type);
        }
    }

    private static ThanosLabException Invalid(string why, string target) =>
        new(ErrorKind.InvalidArgument, "InvalidSseConfig", $"The S3 sse_config {why}.", target);
}
