using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Cmdlets;

/// <summary>Removes a block's deletion or no-compact marker from a bucket.</summary>
[Cmdlet(VerbsCommon.Remove, "ThanosBlockMark", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveThanosBlockMarkCommand : ThanosLabCmdlet
{
    private IBucket? _bucket;

    /// <summary>Block ids (a ThanosBlock's Id binds here by property name).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("BlockId", "Ulid")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public ThanosBucketConfig Bucket { get; set; } = null!;

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public ThanosBlockMarkKind Kind { get; set; }

    protected override void BeginProcessing() => _bucket = Bucket.Config.Open();

    protected override void ProcessRecord()
    {
        var kind = ThanosBlockMark.ToEngine(Kind);
        foreach (var id in Id)
        {
            try
            {
                if (!ShouldProcess($"block {id} in {_bucket!.Location}", $"Remove {BlockMark.FileNameOf(kind)}")) continue;
                if (!Await(BlockMarker.RemoveAsync(_bucket, id, kind, Cancellation)))
                {
                    WriteWarning($"Block {id} has no {BlockMark.FileNameOf(kind)} in {_bucket.Location}.");
                }
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, id);
            }
        }
    }

    protected override void EndProcessing() => _bucket?.Dispose();
}
