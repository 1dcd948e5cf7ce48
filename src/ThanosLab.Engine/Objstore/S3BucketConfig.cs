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
        var w = new StringBuilder();
        w.Append("type: ").Append(TypeName).Append("\nconfig:\n");
        Key(w, 1, "bucket", YamlScalar.Quote(Bucket));
        Key(w, 1, "endpoint", YamlScalar.Quote(Endpoint));
        if (Region.Length > 0) Key(w, 1, "region", YamlScalar.Quote(Region));
        if (AwsSdkAuth) Key(w, 1, "aws_sdk_auth", "true");
        if (AccessKey.Length > 0) Key(w, 1, "access_key", YamlScalar.Quote(AccessKey));
        if (SecretKey is { IsEmpty: false } secret) Key(w, 1, "secret_key", YamlScalar.Quote(secret.Reveal()));
        if (SessionToken is { IsEmpty: false } token) Key(w, 1, "session_token", YamlScalar.Quote(token.Reveal()));
        if (Insecure) Key(w, 1, "insecure", "true");
        if (SignatureVersion2) Key(w, 1, "signature_version2", "true");
        if (DisableDualstack) Key(w, 1, "disable_dualstack", "true");
        if (PutUserMetadata.Count > 0)
        {
            Key(w, 1, "put_user_metadata", null);
            foreach (var (k, v) in PutUserMetadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)) Key(w, 2, YamlScalar.Quote(k), YamlScalar.Quote(v));
        }
        if (!HttpConfig.IsDefault) WriteHttpConfig(w, HttpConfig);
        if (TraceEnable)
        {
            Key(w, 1, "trace", null);
            Key(w, 2, "enable", "true");
        }
        if (ListObjectsVersion.Length > 0) Key(w, 1, "list_objects_version", ListObjectsVersion);
        if (BucketLookupType.Length > 0) Key(w, 1, "bucket_lookup_type", BucketLookupType);
        if (!SendContentMd5) Key(w, 1, "send_content_md5", "false");
        if (DisableMultipart) Key(w, 1, "disable_multipart", "true");
        if (PartSize > 0) Key(w, 1, "part_size", PartSize.ToString(CultureInfo.InvariantCulture));
        if (!SseConfig.IsEmpty)
        {
            Key(w, 1, "sse_config", null);
            Key(w, 2, "type", YamlScalar.Quote(SseConfig.Type));
            if (SseConfig.KmsKeyId.Length > 0) Key(w, 2, "kms_key_id", YamlScalar.Quote(SseConfig.KmsKeyId));
            if (SseConfig.KmsEncryptionContext.Count > 0)
            {
                Key(w, 2, "kms_encryption_context", null);
                foreach (var (k, v) in SseConfig.KmsEncryptionContext.OrderBy(kv => kv.Key, StringComparer.Ordinal)) Key(w, 3, YamlScalar.Quote(k), YamlScalar.Quote(v));
            }
            if (SseConfig.EncryptionKey.Length > 0) Key(w, 2, "encryption_key", YamlScalar.Quote(SseConfig.EncryptionKey));
        }
        if (StsEndpoint.Length > 0) Key(w, 1, "sts_endpoint", YamlScalar.Quote(StsEndpoint));
        if (MaxRetries > 0) Key(w, 1, "max_retries", MaxRetries.ToString(CultureInfo.InvariantCulture));
        w.Append("prefix: ").Append(YamlScalar.DoubleQuoted(Prefix)).Append('\n');
        return w.ToString();
    }

    private static void WriteHttpConfig(StringBuilder w, S3HttpConfig h)
    {
        Key(w, 1, "http_config", null);
        if (h.IdleConnTimeout != S3HttpConfig.DefaultIdleConnTimeout) Key(w, 2, "idle_conn_timeout", PrometheusDuration.Format(h.IdleConnTimeout));
        if (h.ResponseHeaderTimeout != S3HttpConfig.DefaultResponseHeaderTimeout) Key(w, 2, "response_header_timeout", PrometheusDuration.Format(h.ResponseHeaderTimeout));
        if (h.InsecureSkipVerify) Key(w, 2, "insecure_skip_verify", "true");
        if (h.TlsHandshakeTimeout != S3HttpConfig.DefaultTlsHandshakeTimeout) Key(w, 2, "tls_handshake_timeout", PrometheusDuration.Format(h.TlsHandshakeTimeout));
        if (h.ExpectContinueTimeout != S3HttpConfig.DefaultExpectContinueTimeout) Key(w, 2, "expect_continue_timeout", PrometheusDuration.Format(h.ExpectContinueTimeout));
        if (h.MaxIdleConns != S3HttpConfig.DefaultMaxIdleConns) Key(w, 2, "max_idle_conns", h.MaxIdleConns.ToString(CultureInfo.InvariantCulture));
        if (h.MaxIdleConnsPerHost != S3HttpConfig.DefaultMaxIdleConnsPerHost) Key(w, 2, "max_idle_conns_per_host", h.MaxIdleConnsPerHost.ToString(CultureInfo.InvariantCulture));
        if (h.MaxConnsPerHost != 0) Key(w, 2, "max_conns_per_host", h.MaxConnsPerHost.ToString(CultureInfo.InvariantCulture));
        if (h.DisableCompression) Key(w, 2, "disable_compression", "true");
        if (!h.TlsConfig.IsEmpty)
        {
            var t = h.TlsConfig;
            Key(w, 2, "tls_config", null);
            if (t.CaFile.Length > 0) Key(w, 3, "ca_file", YamlScalar.Quote(t.CaFile));
            if (t.CertFile.Length > 0) Key(w, 3, "cert_file", YamlScalar.Quote(t.CertFile));
            if (t.KeyFile.Length > 0) Key(w, 3, "key_file", YamlScalar.Quote(t.KeyFile));
            if (t.ServerName.Length > 0) Key(w, 3, "server_name", YamlScalar.Quote(t.ServerName));
            if (t.InsecureSkipVerify) Key(w, 3, "insecure_skip_verify", "true");
        }
    }

    private static void Key(StringBuilder w, int depth, string key, string? value)
    {
        w.Append(' ', depth * 2).Append(key).Append(':');
        if (value is not null) w.Append(' ').Append(value);
        w.Append('\n');
    }

    public override IBucket Open() => new S3Bucket(Validate());
}
