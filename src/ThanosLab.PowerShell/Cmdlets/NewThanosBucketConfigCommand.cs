using System.Collections;
using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Describes a Thanos object-storage bucket (the objstore YAML): S3 or a local FILESYSTEM directory.
/// The object goes to Export-ThanosConfig, New-ThanosBucket and every -Bucket parameter.
/// </summary>
[Cmdlet(VerbsCommon.New, "ThanosBucketConfig", DefaultParameterSetName = S3Set)]
[OutputType(typeof(ThanosBucketConfig))]
public sealed class NewThanosBucketConfigCommand : ThanosLabCmdlet
{
    private const string FileSystemSet = "FileSystem";
    private const string S3Set = "S3";

    [Parameter(Mandatory = true, ParameterSetName = FileSystemSet)]
    public SwitchParameter FileSystem { get; set; }

    /// <summary>The bucket directory; relative paths resolve against the current location.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FileSystemSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Directory { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = S3Set)]
    public SwitchParameter S3 { get; set; }

    /// <summary>The S3 bucket name.</summary>
    [Parameter(Mandatory = true, ParameterSetName = S3Set, ValueFromPipelineByPropertyName = true)]
    [Alias("BucketName")]
    [ValidateNotNullOrEmpty]
    public string Bucket { get; set; } = "";

    /// <summary>host[:port], without scheme.</summary>
    [Parameter(Mandatory = true, ParameterSetName = S3Set, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Endpoint { get; set; } = "";

    [Parameter(ParameterSetName = S3Set, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }

    /// <summary>User name = access key, password = secret key.</summary>
    [Parameter(ParameterSetName = S3Set, ValueFromPipelineByPropertyName = true)]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter(ParameterSetName = S3Set)]
    public SwitchParameter Insecure { get; set; }

    [Parameter(ParameterSetName = S3Set)]
    public SwitchParameter SignatureVersion2 { get; set; }

    [Parameter(ParameterSetName = S3Set)]
    public SwitchParameter InsecureSkipVerify { get; set; }

    [Parameter(ParameterSetName = S3Set)]
    [ValidateNotNullOrEmpty]
    public string? CaFile { get; set; }

    [Parameter(ParameterSetName = S3Set)]
    [ValidateSet(S3SseConfig.SseS3, S3SseConfig.SseKms, S3SseConfig.SseC)]
    public string? SseType { get; set; }

    [Parameter(ParameterSetName = S3Set)]
    [ValidateNotNullOrEmpty]
    public string? SseKmsKeyId { get; set; }

    [Parameter(ParameterSetName = S3Set)]
    public Hashtable? SseKmsEncryptionContext { get; set; }

    /// <summary>For SSE-C: the file holding the 32-byte key.</summary>
    [Parameter(ParameterSetName = S3Set)]
    [ValidateNotNullOrEmpty]
    public string? SseEncryptionKeyPath { get; set; }

    [Parameter(ParameterSetName = S3Set)]
    [ValidateRange(0, long.MaxValue)]
    public long PartSize { get; set; }

    [Parameter(ParameterSetName = S3Set)]
    [ValidateSet("v1", "v2")]
    public string? ListObjectsVersion { get; set; }

    [Parameter(ParameterSetName = S3Set)]
    [ValidateSet("auto", "virtual-hosted", "path")]
    public string? BucketLookupType { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Prefix { get; set; } = "";

    protected override void ProcessRecordCore()
    {
        try
        {
            var config = new ThanosBucketConfig(ParameterSetName == S3Set ? CreateS3Config() : CreateFileSystemConfig());
            WriteVerbose($"Bucket configuration: {config.Type} {config.Location}");
            WriteObject(config);
        }
        catch (ThanosLabException e)
        {
            WriteEngineError(e);
        }
    }

    private FileSystemBucketConfig CreateFileSystemConfig() =>
        new(GetUnresolvedProviderPathFromPSPath(Directory), Prefix);

    private S3BucketConfig CreateS3Config()
    {
        var secret = Credential?.GetNetworkCredential().Password;
        return new S3BucketConfig
        {
            Bucket = Bucket,
            Endpoint = Endpoint,
            Region = Region ?? "",
            AccessKey = Credential?.UserName ?? "",
            SecretKey = secret is null ? null : new SecretString(secret),
            Insecure = Insecure,
            SignatureVersion2 = SignatureVersion2,
            HttpConfig = InsecureSkipVerify || CaFile is not null
                ? new S3HttpConfig
                {
                    InsecureSkipVerify = InsecureSkipVerify,
                    TlsConfig = CaFile is null ? S3TlsConfig.None : new S3TlsConfig { CaFile = GetUnresolvedProviderPathFromPSPath(CaFile) },
                }
                : S3HttpConfig.Default,
            SseConfig = SseType is null && SseKmsKeyId is null && SseKmsEncryptionContext is null && SseEncryptionKeyPath is null
                ? S3SseConfig.None
                : new S3SseConfig
                {
                    Type = SseType ?? "",
                    KmsKeyId = SseKmsKeyId ?? "",
                    KmsEncryptionContext = ToStringMap(SseKmsEncryptionContext),
                    EncryptionKey = SseEncryptionKeyPath is null ? "" : GetUnresolvedProviderPathFromPSPath(SseEncryptionKeyPath),
                },
            PartSize = PartSize,
            ListObjectsVersion = ListObjectsVersion ?? "",
            BucketLookupType = BucketLookupType ?? "",
            Prefix = ObjectKey.ConfigPrefix(Prefix),
        }.Validate();
    }

    private static Dictionary<string, string> ToStringMap(Hashtable? table)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table is null) return map;
        foreach (DictionaryEntry e in table)
        {
            map[LanguagePrimitives.ConvertTo<string>(e.Key)] = LanguagePrimitives.ConvertTo<string>(e.Value) ?? "";
        }
        return map;
    }
}
