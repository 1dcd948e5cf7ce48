using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Tsdb;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Downsamples local blocks as Thanos' compactor does (raw → 5m, 5m → 1h), one ThanosBlock out per
/// block written; a block the compactor would not downsample is skipped with a warning naming the rule.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ThanosDownsample", SupportsShouldProcess = true)]
[OutputType(typeof(ThanosBlock))]
public sealed class InvokeThanosDownsampleCommand : ThanosLabCmdlet
{
    private readonly BlockDownsampler _downsampler = new();
    private string? _output;

    /// <summary>Block directories or data directories (a ThanosBlock's Path binds here by property name).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true)]
    [ValidateSet("5m", "1h")]
    public string Resolution { get; set; } = "";

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string OutputDirectory { get; set; } = "";

    protected override void ProcessRecord()
    {
        var target = DownsampleResolution.ParseTarget(Resolution);
        foreach (var path in ResolveFileSystemPaths(Path))
        {
            IEnumerable<LocalBlockEntry> entries;
            try
            {
                entries = LocalBlockDirectory.List(path, cancellation: Cancellation).ToArray();
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, path);
                continue;
            }
            foreach (var entry in entries)
            {
                Downsample(entry, target);
            }
        }
    }

    private void Downsample(LocalBlockEntry entry, long target)
    {
        switch (entry.State)
        {
            case LocalBlockState.Skipped:
                WriteVerbose($"Skipped '{entry.Path}': {entry.Reason}.");
                return;
            case LocalBlockState.Invalid:
                WriteEngineError(entry.Error!, entry.Path);
                return;
        }
        var meta = entry.Meta!;
        var reason = DownsampleResolution.WhyNotEligible(meta, target);
        if (reason is not null)
        {
            WriteWarning($"Block {meta.Id} is not downsampled to {Resolution}: {reason}.");
            return;
        }
        if (!ShouldProcess($"block {meta.Id} ({DownsampleResolution.Name(DownsampleResolution.Of(meta))}) into '{GetUnresolvedProviderPathFromPSPath(OutputDirectory)}'", $"Downsample to {Resolution}"))
        {
            return;
        }
        try
        {
            _output ??= Engine.IO.OutputDirectory.Ensure(GetUnresolvedProviderPathFromPSPath(OutputDirectory));
            var block = _downsampler.Downsample(entry.Path, target, _output, Cancellation);
            foreach (var warning in block.Warnings)
            {
                WriteWarning($"Block {meta.Id}: {warning}.");
            }
            WriteObject(ThanosBlock.From(block.Meta, block.Path, null, block.SizeBytes));
        }
        catch (ThanosLabException e)
        {
            WriteEngineError(e, entry.Path);
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }
}
