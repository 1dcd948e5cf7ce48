using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Tsdb;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Lists the blocks of local Prometheus/TSDB data directories from their meta.json and file sizes, or
/// the blocks in a bucket (-Bucket) from one listing and their meta.json, with marks and partial uploads.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ThanosBlock", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ThanosBlock))]
public sealed class GetThanosBlockCommand : FileSystemPathsCmdlet
{
    private const string BucketSet = "Bucket";

    [Parameter(Mandatory = true, ParameterSetName = BucketSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ThanosBucketConfig Bucket { get; set; } = null!;

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Leave out blocks that carry a deletion mark (as <c>thanos tools bucket ls --exclude-delete</c>).</summary>
    [Parameter(ParameterSetName = BucketSet)]
    public SwitchParameter ExcludeDeleted { get; set; }

    /// <summary>Parallel meta.json reads for -Bucket.</summary>
    [Parameter(ParameterSetName = BucketSet)]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = BucketBlockCatalog.DefaultParallelism;

    protected override void ProcessRecordCore()
    {
        if (ParameterSetName == BucketSet)
        {
            ListBucket();
            return;
        }
        var patterns = Id?.Select(i => new WildcardPattern(i, WildcardOptions.IgnoreCase)).ToArray();
        Func<string, bool>? include = patterns is null ? null : name => patterns.Any(p => p.IsMatch(name));
        foreach (var directory in ResolvedPaths())
        {
            IEnumerable<LocalBlockEntry> entries;
            try
            {
                entries = LocalBlockDirectory.List(directory, include, Cancellation);
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, directory);
                continue;
            }
            foreach (var entry in entries)
            {
                switch (entry.State)
                {
                    case LocalBlockState.Block:
                        WriteObject(ThanosBlock.From(entry.Meta!, entry.Path, null, entry.SizeBytes));
                        break;
                    case LocalBlockState.Skipped:
                        WriteVerbose($"Skipping '{entry.Path}': {entry.Reason}.");
                        break;
                    case LocalBlockState.Invalid:
                        WriteEngineError(entry.Error!, entry.Path);
                        break;
                }
            }
        }
    }

    private void ListBucket()
    {
        var patterns = Id?.Select(i => new WildcardPattern(i, WildcardOptions.IgnoreCase)).ToArray();
        using var bucket = Bucket.Config.Open();
        IReadOnlyList<BucketBlock> blocks;
        try
        {
            blocks = Await(BucketBlockCatalog.ReadAsync(bucket, patterns is null ? null : id => patterns.Any(p => p.IsMatch(id)), ThrottleLimit, Cancellation));
        }
        catch (ThanosLabException e)
        {
            WriteEngineError(e, Bucket);
            return;
        }
        foreach (var block in blocks.OrderBy(b => b.Meta?.MinTime ?? long.MaxValue).ThenBy(b => b.Id, StringComparer.Ordinal))
        {
            if (ExcludeDeleted && block.DeletionMarked) continue;
            if (block.MetaError is { } error)
            {
                // A corrupt meta.json is reported, and the block still listed with what the listing shows.
                WriteEngineError(error, block.Id);
            }
            WriteObject(ThanosBlock.FromBucket(block));
        }
    }
}
