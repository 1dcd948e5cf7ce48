namespace ThanosLab.Tests.Infrastructure;

/// <summary>Files of the reference tutorial, as the course wrote them, for golden tests.</summary>
public static class TutorialFiles
{
    /// <summary>bucket_storage.yaml of step 2.</summary>
    public const string BucketStorage = """
        type: S3
        config:
          bucket: "thanos"
          endpoint: "127.0.0.1:9000"
          insecure: true
          signature_version2: true
          access_key: "minio"
          secret_key: "melovethanos"
        """;
}
