using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Base of Set-ThanosBlockMark and Remove-ThanosBlockMark: the blocks (by id, or ThanosBlock objects
/// by property name), the bucket, and one bucket client for the whole pipeline.
/// </summary>
public abstract class BlockMarkCmdlet : ThanosLabCmdlet
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

    protected IBucket OpenBucket => _bucket ??= Bucket.Config.Open();

    /// <summary>Runs <paramref name="mark"/> for each id; an engine error for one block does not stop the others.</summary>
    protected void ForEachBlock(Action<string> mark)
    {
        foreach (var id in Id)
        {
            try
            {
                mark(id);
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, id);
            }
        }
    }

    protected override void EndProcessingCore()
    {
        _bucket?.Dispose();
        _bucket = null;
    }
}
