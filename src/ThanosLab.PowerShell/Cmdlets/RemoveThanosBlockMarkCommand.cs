using System.Management.Automation;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Cmdlets;

/// <summary>Removes a block's deletion, no-compact or no-downsample marker from a bucket.</summary>
[Cmdlet(VerbsCommon.Remove, "ThanosBlockMark", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ThanosBlockMark))]
public sealed class RemoveThanosBlockMarkCommand : BlockMarkCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public ThanosBlockMarkKind Kind { get; set; }

    /// <summary>Write one ThanosBlockMark per marker removed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecordCore()
    {
        var kind = ThanosBlockMark.ToEngine(Kind);
        ForEachBlock(id =>
        {
            var bucket = OpenBucket;
            if (!ShouldProcess($"block {id} in {bucket.Location}", $"Remove {BlockMark.FileNameOf(kind)}")) return;
            if (!Await(BlockMarker.RemoveAsync(bucket, id, kind, Cancellation)))
            {
                WriteWarning($"Block {id} has no {BlockMark.FileNameOf(kind)} in {bucket.Location}.");
                return;
            }
            if (PassThru)
            {
                WriteObject(new ThanosBlockMark { Id = id.ToUpperInvariant(), Kind = Kind, BucketLocation = bucket.LocationOf(BlockMark.KeyOf(id.ToUpperInvariant(), kind)) });
            }
        });
    }
}
