using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Recomputes downsampled blocks from their source blocks and reports every series and window that
/// differs; one result per downsampled block.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ThanosDownsample", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ThanosDownsampleTestResult))]
public sealed class TestThanosDownsampleCommand : LocalBlocksCmdlet
{
    private readonly Dictionary<string, LocalBlockEntry[]> _sources = new(StringComparer.Ordinal);
    private string[]? _sourceDirectories;

    /// <summary>Where the source blocks are; by default the directory that holds each downsampled block.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? SourcePath { get; set; }

    // Resolved once for the whole pipeline, so a bad -SourcePath is one error, not one per block.
    protected override void BeginProcessingCore() => _sourceDirectories = SourcePath is null ? null : ResolveFileSystemPaths(SourcePath).ToArray();

    protected override void ProcessBlock(string path, BlockMeta meta)
    {
        if (DownsampleResolution.Of(meta) == DownsampleResolution.Raw)
        {
            WriteWarning($"Block {meta.Id} is raw; there is no downsampling to check.");
            return;
        }
        var directories = _sourceDirectories ?? new[] { System.IO.Path.GetDirectoryName(System.IO.Path.TrimEndingDirectorySeparator(path))! };
        var source = DownsampleChecker.FindSource(meta, directories.SelectMany(Candidates))
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
