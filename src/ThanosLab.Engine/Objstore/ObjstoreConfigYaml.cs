using System.Globalization;
using ThanosLab.Engine.Durations;
using ThanosLab.Engine.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// Reads a Thanos objstore configuration (bucket_storage.yaml, formats.md §14) as Thanos does:
/// strictly — an unknown key is an error naming it —, only the first YAML document, the type
/// case-insensitive. S3 and FILESYSTEM are supported; other providers are named in the error.
/// </summary>
public static class ObjstoreConfigYaml
{
    private static readonly StrictYamlFormat Format = new("The objstore configuration", "InvalidObjstoreConfig", "Thanos decodes this file strictly");

    private static readonly string[] KnownTypes = { "S3", "GCS", "AZURE", "SWIFT", "COS", "ALIYUNOSS", "BOS", "OCI", "OBS", "FILESYSTEM" };

    private static readonly string[] S3Keys =
    {
        "bucket", "endpoint", "region", "aws_sdk_auth", "access_key", "secret_key", "session_token", "insecure",
        "signature_version2", "disable_dualstack", "put_user_metadata", "http_config", "trace", "list_objects_version",
        "bucket_lookup_type", "send_content_md5", "disable_multipart", "part_size", "sse_config", "sts_endpoint", "max_retries",
    };

    private static readonly string[] HttpKeys =
    {
        "idle_conn_timeout", "response_header_timeout", "insecure_skip_verify", "tls_handshake_timeout", "expect_continue_timeout",
        "max_idle_conns", "max_idle_conns_per_host", "max_conns_per_host", "tls_config", "disable_compression",
    };

    /// <summary>True when a file with these top-level keys (<see cref="YamlTopLevelKeys"/>) is an objstore configuration: it has a <c>type</c>.</summary>
    public static bool Recognises(IReadOnlyCollection<string> topLevelKeys) => topLevelKeys.Contains("type", StringComparer.Ordinal);

    public static BucketConfig ReadFile(string path) => Parse(Configuration.ConfigFile.ReadText(path), path);

    /// <param name="source">Names the input in errors (a file path, or "the YAML").</param>
    public static BucketConfig Parse(string yaml, string source)
    {
        var root = Load(yaml, source);
        var top = Map(root, source, "the top level", "type", "config", "prefix");
        if (!top.TryGetValue("type", out var typeNode) || Str(typeNode, source, "type") is not { Length: > 0 } typeText)
        {
            throw Invalid(source, root.Start.Line, "has no 'type'; accepted types: S3, FILESYSTEM");
        }
        var type = typeText.ToUpperInvariant();
        var prefix = top.TryGetValue("prefix", out var p) ? Str(p, source, "prefix") : "";
        top.TryGetValue("config", out var configNode);
        try
        {
            return type switch
            {
                S3BucketConfig.TypeName => ReadS3(configNode, source, prefix),
                FileSystemBucketConfig.TypeName => ReadFileSystem(configNode, source, prefix),
                _ when KnownTypes.Contains(type) => throw new ThanosLabException(ErrorKind.InvalidOperation, "UnsupportedBucketType",
                    $"The objstore configuration {source} has the type {type}, which ThanosLab does not support; supported types: S3, FILESYSTEM.", typeText),
                _ => throw Invalid(source, typeNode.Start.Line, $"has the unknown type '{typeText}'; accepted types: {string.Join(", ", KnownTypes)}"),
            };
        }
        catch (ThanosLabException e) when (e.ErrorId is not ("InvalidObjstoreConfig" or "UnsupportedBucketType"))
        {
            throw new ThanosLabException(e.Kind == ErrorKind.InvalidArgument ? ErrorKind.InvalidData : e.Kind, e.ErrorId,
                $"The objstore configuration {source} is not valid: {e.Message}", e.Target, e.RecommendedAction, e);
        }
    }

    private static FileSystemBucketConfig ReadFileSystem(YamlNode? node, string source, string prefix)
    {
        var m = node is null ? new() : Map(node, source, "config", "directory");
        var directory = m.TryGetValue("directory", out var d) ? Str(d, source, "config.directory") : "";
        return new FileSystemBucketConfig(directory, prefix);
    }

    private static S3BucketConfig ReadS3(YamlNode? node, string source, string prefix)
    {
        var m = node is null ? new() : Map(node, source, "config", S3Keys);
        string S(string key) => m.TryGetValue(key, out var n) ? Str(n, source, "config." + key) : "";
        bool B(string key, bool dflt = false) => m.TryGetValue(key, out var n) ? Bool(n, source, "config." + key) : dflt;
        SecretString? Secret(string key) => m.TryGetValue(key, out var n) ? new SecretString(Str(n, source, "config." + key, secret: true)) : null;
        return new S3BucketConfig
        {
            Bucket = S("bucket"),
            Endpoint = S("endpoint"),
            Region = S("region"),
            AwsSdkAuth = B("aws_sdk_auth"),
            AccessKey = S("access_key"),
            SecretKey = Secret("secret_key"),
            SessionToken = Secret("session_token"),
            Insecure = B("insecure"),
            SignatureVersion2 = B("signature_version2"),
            DisableDualstack = B("disable_dualstack"),
            PutUserMetadata = m.TryGetValue("put_user_metadata", out var md) ? StringMap(md, source, "config.put_user_metadata") : new Dictionary<string, string>(),
            HttpConfig = m.TryGetValue("http_config", out var h) ? ReadHttp(h, source) : S3HttpConfig.Default,
            TraceEnable = m.TryGetValue("trace", out var t) && Map(t, source, "config.trace", "enable").TryGetValue("enable", out var te) && Bool(te, source, "config.trace.enable"),
            ListObjectsVersion = S("list_objects_version"),
            BucketLookupType = S("bucket_lookup_type"),
            SendContentMd5 = B("send_content_md5", true),
            DisableMultipart = B("disable_multipart"),
            PartSize = m.TryGetValue("part_size", out var ps) ? Long(ps, source, "config.part_size") : 0,
            SseConfig = m.TryGetValue("sse_config", out var sse) ? ReadSse(sse, source) : S3SseConfig.None,
            StsEndpoint = S("sts_endpoint"),
            MaxRetries = m.TryGetValue("max_retries", out var mr) ? (int)Long(mr, source, "config.max_retries") : 0,
            Prefix = ObjectKey.ConfigPrefix(prefix),
        }.Validate();
    }

    private static S3HttpConfig ReadHttp(YamlNode node, string source)
    {
        var m = Map(node, source, "config.http_config", HttpKeys);
        TimeSpan D(string key, TimeSpan dflt) => m.TryGetValue(key, out var n) ? Duration(n, source, "config.http_config." + key) : dflt;
        int I(string key, int dflt) => m.TryGetValue(key, out var n) ? (int)Long(n, source, "config.http_config." + key) : dflt;
        bool B(string key) => m.TryGetValue(key, out var n) && Bool(n, source, "config.http_config." + key);
        var tls = S3TlsConfig.None;
        if (m.TryGetValue("tls_config", out var tn))
        {
            var t = Map(tn, source, "config.http_config.tls_config", "ca_file", "cert_file", "key_file", "server_name", "insecure_skip_verify");
            string S(string key) => t.TryGetValue(key, out var n) ? Str(n, source, "config.http_config.tls_config." + key) : "";
            tls = new S3TlsConfig
            {
                CaFile = S("ca_file"),
                CertFile = S("cert_file"),
                KeyFile = S("key_file"),
                ServerName = S("server_name"),
                InsecureSkipVerify = t.TryGetValue("insecure_skip_verify", out var isv) && Bool(isv, source, "config.http_config.tls_config.insecure_skip_verify"),
            };
        }
        return new S3HttpConfig
        {
            IdleConnTimeout = D("idle_conn_timeout", S3HttpConfig.DefaultIdleConnTimeout),
            ResponseHeaderTimeout = D("response_header_timeout", S3HttpConfig.DefaultResponseHeaderTimeout),
            TlsHandshakeTimeout = D("tls_handshake_timeout", S3HttpConfig.DefaultTlsHandshakeTimeout),
            ExpectContinueTimeout = D("expect_continue_timeout", S3HttpConfig.DefaultExpectContinueTimeout),
            InsecureSkipVerify = B("insecure_skip_verify"),
            MaxIdleConns = I("max_idle_conns", S3HttpConfig.DefaultMaxIdleConns),
            MaxIdleConnsPerHost = I("max_idle_conns_per_host", S3HttpConfig.DefaultMaxIdleConnsPerHost),
            MaxConnsPerHost = I("max_conns_per_host", 0),
            DisableCompression = B("disable_compression"),
            TlsConfig = tls,
        };
    }

    private static S3SseConfig ReadSse(YamlNode node, string source)
    {
        var m = Map(node, source, "config.sse_config", "type", "kms_key_id", "kms_encryption_context", "encryption_key");
        string S(string key) => m.TryGetValue(key, out var n) ? Str(n, source, "config.sse_config." + key) : "";
        return new S3SseConfig
        {
            Type = S("type"),
            KmsKeyId = S("kms_key_id"),
            KmsEncryptionContext = m.TryGetValue("kms_encryption_context", out var c) ? StringMap(c, source, "config.sse_config.kms_encryption_context") : new Dictionary<string, string>(),
            EncryptionKey = S("encryption_key"),
        };
    }

    private static YamlNode Load(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new FirstDocumentParser(new BoundedYamlParser(new StringReader(yaml), source)));
        }
        catch (YamlException e)
        {
            // YamlDotNet's message can quote the offending text, which may be a secret: give the position only.
            throw Invalid(source, e.Start.Line, $"is not valid YAML (column {e.Start.Column})", null);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            throw Invalid(source, 1, "is empty");
        }
        return stream.Documents[0].RootNode;
    }

    private static Dictionary<string, YamlNode> Map(YamlNode node, string source, string what, params string[] known) =>
        Format.Map(node, source, what, known);

    private static Dictionary<string, string> StringMap(YamlNode node, string source, string what)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (IsNull(node)) return result;
        if (node is not YamlMappingNode map) throw Invalid(source, node.Start.Line, $"has {what} that is not a mapping of strings");
        foreach (var (k, v) in map.Children)
        {
            var key = Str(k, source, what);
            if (!result.TryAdd(key, Str(v, source, what + "." + key))) throw Invalid(source, k.Start.Line, $"repeats the key '{key}' in {what}");
        }
        return result;
    }

    private static bool IsNull(YamlNode n) => StrictYamlFormat.IsNull(n);

    private static string Str(YamlNode n, string source, string what, bool secret = false)
    {
        if (IsNull(n)) return "";
        return n is YamlScalarNode s ? s.Value ?? "" : throw Invalid(source, n.Start.Line, $"has {what} that is not a {(secret ? "string" : "single value")}");
    }

    // yaml.v2 (YAML 1.1) booleans; a quoted "true" is a string and does not decode into a bool.
    private static bool Bool(YamlNode n, string source, string what)
    {
        if (n is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v })
        {
            switch (v)
            {
                case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y": return true;
                case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N": return false;
            }
        }
        throw Invalid(source, n.Start.Line, $"has {what} '{(n as YamlScalarNode)?.Value}' that is not true or false");
    }

    private static long Long(YamlNode n, string source, string what)
    {
        var s = Str(n, source, what);
        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Invalid(source, n.Start.Line, $"has {what} '{s}' that is not a whole number");
    }

    // Thanos decodes these as model.Duration, with ParseDuration's grammar and nothing else (no Go
    // spellings such as 1.5h or 500us); a null leaves Go's zero value, as yaml.v2 does.
    private static TimeSpan Duration(YamlNode n, string source, string what)
    {
        if (IsNull(n)) return TimeSpan.Zero;
        var s = Str(n, source, what);
        return s == s.Trim() && PrometheusDuration.TryParseStrict(s, out var d)
            ? d
            : throw Invalid(source, n.Start.Line, $"has {what} '{s}' that is not a duration as Thanos reads it: whole numbers with the units y, w, d, h, m, s, ms, largest first, each at most once, at most 292y (90s, 1m30s, 2m, or 0)");
    }

    private static ThanosLabException Invalid(string source, long line, string message, Exception? inner = null) =>
        Format.Invalid(source, line, message, inner);
}
