using System.Management.Automation;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Cmdlets;

/// <summary>Removes a block's deletion or no-compact marker from a bucket.</summary>
[Cmdlet(VerbsCommon.Remove, "ThanosBlockMark", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveThanosBlockMarkCommand : BlockMarkCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public ThanosBlockMarkKind Kind { get; set; }

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
            }
        });
    }
}
