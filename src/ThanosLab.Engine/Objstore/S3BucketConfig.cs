using System.Globalization;
using System.Text;
using ThanosLab.Engine.Durations;
using ThanosLab.Engine.Yaml;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// Thanos' S3 objstore configuration (formats.md §14). Thanos decodes it strictly, so
/// <see cref="ToYaml"/> writes a key only when its value differs from the default: the file then
/// stays readable by the Thanos release the tutorial uses, which predates several keys.
/// The secret key is a <see cref="SecretString"/>: it appears in <see cref="ToYaml"/> and nowhere else.
/// </summary>
public sealed class S3BucketConfig : BucketConfig
{
    public const string TypeName = "S3";
    public const long DefaultPartSize = 64L * 1024 * 1024;
    public const string DefaultRegion = "us-east-1";
    public const long MinPartSize = 5L * 1024 * 1024;

    public override string Type => TypeName;

    public string Bucket { get; init; } = "";

    /// <summary><c>host[:port]</c>, without scheme.</summary>
    public string Endpoint { get; init; } = "";

    public string Region { get; init; } = "";

    public bool AwsSdkAuth { get; init; }

    public string AccessKey { get; init; } = "";

    public SecretString? SecretKey { get; init; }

    public SecretString? SessionToken { get; init; }

    /// <summary>Plain HTTP instead of HTTPS.</summary>
    public bool Insecure { get; init; }

    /// <summary>
    /// Thanos signs with AWS signature V2 when set (old MinIO, the tutorial's file). ThanosLab's own
    /// client always signs V4, which every S3 implementation that accepts V2 also accepts.
    /// </summary>
    public bool SignatureVersion2 { get; init; }

    public bool DisableDualstack { get; init; }

    public IReadOnlyDictionary<string, string> PutUserMetadata { get; init; } = new Dictionary<string, string>();

    public S3HttpConfig HttpConfig { get; init; } = S3HttpConfig.Default;

    public bool TraceEnable { get; init; }

    /// <summary>"" (v2), v1 or v2.</summary>
    public string ListObjectsVersion { get; init; } = "";

    /// <summary>"" (auto), auto, virtual-hosted or path. ThanosLab's client always uses path style.</summary>
    public string BucketLookupType { get; init; } = "";

    /// <summary>
    /// Thanos sends Content-MD5 with uploads when set. ThanosLab's client relies on the SigV4 payload
    /// hash for integrity instead (the server checks it), so the setting only travels to Thanos.
    /// </summary>
    public bool SendContentMd5 { get; init; } = true;

    public bool DisableMultipart { get; init; }

    /// <summary>Multipart threshold and part size in bytes; 0 for the default of 64 MiB.</summary>
    public long PartSize { get; init; }

    public S3SseConfig SseConfig { get; init; } = S3SseConfig.None;

    public string StsEndpoint { get; init; } = "";

    /// <summary>Retries of a failed request; 0 for the client's default.</summary>
    public int MaxRetries { get; init; }

    public long EffectivePartSize => PartSize > 0 ? PartSize : DefaultPartSize;

    public string EffectiveRegion => Region.Length > 0 ? Region : DefaultRegion;

    public override string Location => "s3://" + Bucket + (Prefix.Length > 0 ? "/" + Prefix : "");

    public override bool ContainsSecret => SecretKey is { IsEmpty: false } || SessionToken is { IsEmpty: false };

    /// <summary>Shows where the bucket is, never the credentials.</summary>
    public override string ToString() => $"{Location} at {(Insecure ? "http" : "https")}://{Endpoint}";

    /// <summary>Checks the settings as Thanos does when it opens the bucket; returns this config.</summary>
    public S3BucketConfig Validate()
    {
        ValidateEndpoint(Endpoint);
        ValidateBucketName(Bucket);
        var hasAccess = AccessKey.Length > 0;
        var hasSecret = SecretKey is { IsEmpty: false };
        if (hasAccess != hasSecret)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "IncompleteCredentials",
                hasAccess
                    ? $"The S3 config has the access key '{AccessKey}' but no secret key; give both or neither."
                    : "The S3 config has a secret key but no access key; give both or neither.",
                AccessKey, "Pass -Credential with the access key as user name and the secret key as password.");
        }
        if (AwsSdkAuth && hasAccess)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "ConflictingCredentials",
                "The S3 config sets both aws_sdk_auth and access_key; they are mutually exclusive.", AccessKey);
        }
        if (ListObjectsVersion is not ("" or "v1" or "v2"))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidListObjectsVersion",
                $"The S3 list_objects_version '{ListObjectsVersion}' is not valid; accepted values: v1, v2.", ListObjectsVersion);
        }
        if (BucketLookupType is not ("" or "auto" or "virtual-hosted" or "path"))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidBucketLookupType",
                $"The S3 bucket_lookup_type '{BucketLookupType}' is not valid; accepted values: auto, virtual-hosted, path.", BucketLookupType);
        }
        // S3 rejects parts below 5 MiB (all but the last), so a smaller part_size could never upload.
        if (PartSize != 0 && PartSize < MinPartSize)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidPartSize",
                $"The S3 part_size {PartSize} is below the S3 minimum of {MinPartSize} bytes (5 MiB); give 0 for the default of {DefaultPartSize}, or a size of at least 5 MiB.", PartSize);
        }
        if (MaxRetries < 0)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidMaxRetries",
                $"The S3 max_retries {MaxRetries} is negative.", MaxRetries);
        }
        HttpConfig.Validate();
        SseConfig.Validate();
        return this;
    }

    /// <summary>Rejects a URL or path where objstore wants <c>host[:port]</c>.</summary>
    public static void ValidateEndpoint(string endpoint)
    {
        const string Accepted = "Give host[:port] without a scheme, such as 127.0.0.1:9000 or s3.amazonaws.com";
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "MissingEndpoint",
                $"The S3 config has no endpoint. {Accepted}.", endpoint);
        }
        var schemeEnd = endpoint.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            var scheme = endpoint[..schemeEnd];
            var hint = scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
                ? $"'{endpoint[(schemeEnd + 3)..].TrimEnd('/')}' with -Insecure (insecure: true) for plain HTTP"
                : $"'{endpoint[(schemeEnd + 3)..].TrimEnd('/')}'";
            throw new ThanosLabException(ErrorKind.InvalidArgument, "EndpointHasScheme",
                $"The S3 endpoint '{endpoint}' has a scheme ({scheme}://); Thanos expects host[:port]. Use {hint}.",
                endpoint, $"{Accepted}; use -Insecure for plain HTTP.");
        }
        if (endpoint.Contains('/') || endpoint.Any(char.IsWhiteSpace) || Uri.CheckHostName(HostOf(endpoint)) == UriHostNameType.Unknown || !PortIsValid(endpoint))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidEndpoint",
                $"The S3 endpoint '{endpoint}' is not host[:port]. {Accepted}.", endpoint);
        }
    }

    private static string HostOf(string endpoint)
    {
        if (endpoint.StartsWith('['))
        {
            var close = endpoint.IndexOf(']');
            return close > 0 ? endpoint[1..close] : endpoint;
        }
        var colon = endpoint.LastIndexOf(':');
        return colon >= 0 && endpoint.IndexOf(':') == colon ? endpoint[..colon] : endpoint;
    }

    private static bool PortIsValid(string endpoint)
    {
        var close = endpoint.LastIndexOf(']');
        var colon = endpoint.LastIndexOf(':');
        if (colon < 0 || colon < close) return true;
        if (!endpoint.StartsWith('[') && endpoint.IndexOf(':') != colon) return false;
        return int.TryParse(endpoint[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536;
    }

    private static void ValidateBucketName(string bucket)
    {
        // S3's rules for new buckets (lowercase letters, digits, '.', '-', 3–63 characters) keep
        // the name usable in both path and virtual-hosted addressing.
        var ok = bucket.Length is >= 3 and <= 63
            && bucket.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-')
            && char.IsAsciiLetterOrDigit(bucket[0]) && char.IsAsciiLetterOrDigit(bucket[^1]);
        if (!ok)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidBucketName",
                $"The S3 bucket name '{bucket}' is not valid: use 3 to 63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit (such as thanos).", bucket);
        }
    }

    public override string ToYaml()
    {
        Validate();
        var w = new YamlDocumentWriter();
        w.String("type").String(TypeName).String("config").BeginMapping();
        w.Entry("bucket", Bucket).Entry("endpoint", Endpoint);
        if (Region.Length > 0) w.Entry("region", Region);
        if (AwsSdkAuth) w.String("aws_sdk_auth").Literal(true);
        if (AccessKey.Length > 0) w.Entry("access_key", AccessKey);
        if (SecretKey is { IsEmpty: false } secret) w.Entry("secret_key", secret.Reveal());
        if (SessionToken is { IsEmpty: false } token) w.Entry("session_token", token.Reveal());
        if (Insecure) w.String("insecure").Literal(true);
        if (SignatureVersion2) w.String("signature_version2").Literal(true);
        if (DisableDualstack) w.String("disable_dualstack").Literal(true);
        if (PutUserMetadata.Count > 0) WriteMap(w, "put_user_metadata", PutUserMetadata);
        if (!HttpConfig.IsDefault) WriteHttpConfig(w, HttpConfig);
        if (TraceEnable) w.String("trace").BeginMapping().String("enable").Literal(true).EndMapping();
        if (ListObjectsVersion.Length > 0) w.Entry("list_objects_version", ListObjectsVersion);
        if (BucketLookupType.Length > 0) w.Entry("bucket_lookup_type", BucketLookupType);
        if (!SendContentMd5) w.String("send_content_md5").Literal(false);
        if (DisableMultipart) w.String("disable_multipart").Literal(true);
        if (PartSize > 0) w.String("part_size").Literal(PartSize);
        if (!SseConfig.IsEmpty)
        {
            w.String("sse_config").BeginMapping().Entry("type", SseConfig.Type);
            if (SseConfig.KmsKeyId.Length > 0) w.Entry("kms_key_id", SseConfig.KmsKeyId);
            if (SseConfig.KmsEncryptionContext.Count > 0) WriteMap(w, "kms_encryption_context", SseConfig.KmsEncryptionContext);
            if (SseConfig.EncryptionKey.Length > 0) w.Entry("encryption_key", SseConfig.EncryptionKey);
            w.EndMapping();
        }
        if (StsEndpoint.Length > 0) w.Entry("sts_endpoint", StsEndpoint);
        if (MaxRetries > 0) w.String("max_retries").Literal(MaxRetries);
        w.EndMapping().String("prefix").Quoted(Prefix);
        return w.ToString();
    }

    private static void WriteMap(YamlDocumentWriter w, string key, IReadOnlyDictionary<string, string> map)
    {
        w.String(key).BeginMapping();
        foreach (var (k, v) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.Entry(k, v);
        w.EndMapping();
    }

    private static void WriteHttpConfig(YamlDocumentWriter w, S3HttpConfig h)
    {
        w.String("http_config").BeginMapping();
        if (h.IdleConnTimeout != S3HttpConfig.DefaultIdleConnTimeout) w.String("idle_conn_timeout").Literal(PrometheusDuration.Format(h.IdleConnTimeout));
        if (h.ResponseHeaderTimeout != S3HttpConfig.DefaultResponseHeaderTimeout) w.String("response_header_timeout").Literal(PrometheusDuration.Format(h.ResponseHeaderTimeout));
        if (h.InsecureSkipVerify) w.String("insecure_skip_verify").Literal(true);
        if (h.TlsHandshakeTimeout != S3HttpConfig.DefaultTlsHandshakeTimeout) w.String("tls_handshake_timeout").Literal(PrometheusDuration.Format(h.TlsHandshakeTimeout));
        if (h.ExpectContinueTimeout != S3HttpConfig.DefaultExpectContinueTimeout) w.String("expect_continue_timeout").Literal(PrometheusDuration.Format(h.ExpectContinueTimeout));
        if (h.MaxIdleConns != S3HttpConfig.DefaultMaxIdleConns) w.String("max_idle_conns").Literal(h.MaxIdleConns);
        if (h.MaxIdleConnsPerHost != S3HttpConfig.DefaultMaxIdleConnsPerHost) w.String("max_idle_conns_per_host").Literal(h.MaxIdleConnsPerHost);
        if (h.MaxConnsPerHost != 0) w.String("max_conns_per_host").Literal(h.MaxConnsPerHost);
        if (h.DisableCompression) w.String("disable_compression").Literal(true);
        if (!h.TlsConfig.IsEmpty)
        {
            var t = h.TlsConfig;
            w.String("tls_config").BeginMapping();
            if (t.CaFile.Length > 0) w.Entry("ca_file", t.CaFile);
            if (t.CertFile.Length > 0) w.Entry("cert_file", t.CertFile);
            if (t.KeyFile.Length > 0) w.Entry("key_file", t.KeyFile);
            if (t.ServerName.Length > 0) w.Entry("server_name", t.ServerName);
            if (t.InsecureSkipVerify) w.String("insecure_skip_verify").Literal(true);
            w.EndMapping();
        }
        w.EndMapping();
    }

    public override IBucket Open() => new S3Bucket(Validate());
}
