using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Describes a Thanos object-storage bucket (the objstore YAML): S3 or a local FILESYSTEM directory.
/// The object goes to Export-ThanosConfig, New-ThanosBucket and every -Bucket parameter.
/// </summary>
[Cmdlet(VerbsCommon.New, "ThanosBucketConfig", DefaultParameterSetName = FileSystemSet)]
[OutputType(typeof(ThanosBucketConfig))]
public sealed class NewThanosBucketConfigCommand : ThanosLabCmdlet
{
    private const string FileSystemSet = "FileSystem";

    [Parameter(Mandatory = true, ParameterSetName = FileSystemSet)]
    public SwitchParameter FileSystem { get; set; }

    /// <summary>The bucket directory; relative paths resolve against the current location.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FileSystemSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Directory { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Prefix { get; set; } = "";

    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(new ThanosBucketConfig(CreateConfig()));
        }
        catch (ThanosLabException e)
        {
            WriteEngineError(e);
        }
    }

    private BucketConfig CreateConfig() => ParameterSetName switch
    {
        _ => new FileSystemBucketConfig(GetUnresolvedProviderPathFromPSPath(Directory), Prefix),
    };
}
