using System.Collections;
using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Base of Publish-ThanosBlock and Test-ThanosBucketUpload: the local blocks a Thanos shipper would
/// ship (data or block directories, also ThanosBlock objects by their Path), the bucket, the external
/// labels and whether compacted blocks count. Paths are gathered over the whole pipeline and the work
/// is done once, in EndProcessing, so blocks of one data directory share its shipper state.
/// </summary>
public abstract class ShippedBlocksCmdlet : FileSystemPathsCmdlet
{

    private readonly List<string> _paths = new();

    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public ThanosBucketConfig Bucket { get; set; } = null!;

    /// <summary>External labels: those to upload with, or those every uploaded meta.json must carry.</summary>
    [Parameter]
    [Alias("ExternalLabel")]
    [LabelTransformation]
    public Hashtable? Label { get; set; }

    /// <summary>Compacted (level &gt; 1) blocks count too, as with a sidecar's --shipper.upload-compacted.</summary>
    [Parameter]
    public SwitchParameter UploadCompacted { get; set; }

    /// <summary>Every path given over the pipeline, resolved.</summary>
    protected IReadOnlyList<string> Paths => _paths;

    protected override void ProcessRecordCore()
    {
        _paths.AddRange(ResolvedPaths());
    }

    /// <summary>-Label as a label set; bad names or values end the command with an error naming them.</summary>
    protected LabelSet ExternalLabels()
    {
        try
        {
            return LabelArguments.ToLabelSet(Label, "external label");
        }
        catch (ThanosLabException e)
        {
            ThrowEngineError(e, Label);
            throw;
        }
    }
}
