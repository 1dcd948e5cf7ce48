using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Recomputes downsampled blocks from their source blocks, local or in a bucket (-Bucket), and reports
/// every series and window that differs; one result per downsampled block.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ThanosDownsample", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ThanosDownsampleTestResult))]
public sealed class TestThanosDownsampleCommand : LocalBlocksCmdlet
{
    private const string BucketSet = "Bucket";

    private readonly Dictionary<string, LocalBlockEntry[]> _sources = new(StringComparer.Ordinal);
    private string[]? _sourceDirectories;

    /// <summary>Every 5m and 1h block of the bucket is checked against its source block there.</summary>
    [Parameter(Mandatory = true, ParameterSetName = BucketSet)]
    [ValidateNotNull]
    public ThanosBucketConfig Bucket { get; set; } = null!;

    /// <summary>Pairs of blocks downloaded and checked at once with -Bucket.</summary>
    [Parameter(ParameterSetName = BucketSet)]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 2;

    /// <summary>Where the source blocks are; by default the directory that holds each downsampled block.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [ValidateNotNullOrEmpty]
    public string[]? SourcePath { get; set; }

    // Resolved once for the whole pipeline, so a bad -SourcePath is one error, not one per block.
    protected override void BeginProcessingCore() => _sourceDirectories = SourcePath is null ? null : ResolveFileSystemPaths(SourcePath).ToArray();

    protected override void ProcessRecordCore()
    {
        if (ParameterSetName != BucketSet)
        {
            base.ProcessRecordCore();
            return;
        }
        using var bucket = Bucket.Config.Open();
        CurrentTarget = bucket.Location;
        var test = Await(BucketDownsampleChecker.CheckAsync(bucket, ThrottleLimit, Cancellation));
        if (test.Checks.Count == 0 && test.WithoutSource.Count == 0 && test.Failures.Count == 0)
        {
            WriteWarning($"{bucket.Location} holds no 5m or 1h block with a readable meta.json: there is no downsampling to check.");
        }
        foreach (var block in test.WithoutSource)
        {
            var resolution = DownsampleResolution.Of(block.Meta!);
            WriteWarning($"Block {block.Id} ({DownsampleResolution.Name(resolution)}) is not checked: no {DownsampleResolution.Name(DownsampleChecker.SourceResolution(resolution))} block with its compaction sources is in {bucket.Location} (the compactor's retention or a deletion may have removed it).");
        }
        foreach (var (id, error) in test.Failures)
        {
            WriteEngineError(error, id);
        }
        foreach (var check in test.Checks)
        {
            WriteObject(ThanosDownsampleTestResult.From(check));
        }
    }

    protected override void ProcessBlock(string path, BlockMeta meta)
    {
        if (DownsampleResolution.Of(meta) == DownsampleResolution.Raw)
        {
            WriteWarning($"Block {meta.Id} is raw; there is no downsampling to check.");
            return;
        }
        var directories = _sourceDirectories ?? new[] { System.IO.Path.GetDirectoryName(System.IO.Path.TrimEndingDirectorySeparator(path))! };
        var source = DownsampleChecker.FindSource(meta, directories.SelectMany(Candidates), e => e.Meta)
            ?? throw new ThanosLabException(ErrorKind.ObjectNotFound, "DownsampleSourceNotFound",
                $"No {DownsampleResolution.Name(DownsampleChecker.SourceResolution(DownsampleResolution.Of(meta)))} block with the compaction sources of block {meta.Id} is in '{string.Join("', '", directories)}'.",
                path, "Give the directory of the source blocks with -SourcePath.");
        WriteObject(ThanosDownsampleTestResult.From(DownsampleChecker.Check(path, source.Path, Cancellation)));
    }

    private LocalBlockEntry[] Candidates(string directory)
    {
        if (!_sources.TryGetValue(directory, out var entries))
        {
            _sources[directory] = entries = LocalBlockDirectory.List(directory, cancellation: Cancellation).Where(e => e.State == LocalBlockState.Block).ToArray();
        }
        return entries;
    }
}
