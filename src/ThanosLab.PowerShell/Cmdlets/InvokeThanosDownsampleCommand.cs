using System.Management.Automation;
using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Downsamples local blocks as Thanos' compactor does (raw → 5m, 5m → 1h), one ThanosBlock out per
/// block written; a block the compactor would not downsample is skipped with a warning naming the rule.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ThanosDownsample", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(ThanosBlock))]
public sealed class InvokeThanosDownsampleCommand : LocalBlocksCmdlet
{
    private readonly BlockDownsampler _downsampler = new();
    private string _outputPath = "";
    private long _target;
    private string? _output;

    [Parameter(Mandatory = true)]
    [ValidateSet("5m", "1h")]
    public string Resolution { get; set; } = "";

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string OutputDirectory { get; set; } = "";

    protected override void BeginProcessingCore()
    {
        _target = DownsampleResolution.ParseTarget(Resolution);
        _outputPath = GetUnresolvedProviderPathFromPSPath(OutputDirectory);
    }

    protected override void ProcessBlock(string path, BlockMeta meta)
    {
        var reason = DownsampleResolution.WhyNotEligible(meta, _target);
        if (reason is not null)
        {
            WriteWarning($"Block {meta.Id} is not downsampled to {Resolution}: {reason}.");
            return;
        }
        if (!ShouldProcess($"block {meta.Id} ({DownsampleResolution.Name(DownsampleResolution.Of(meta))}) into '{_outputPath}'", $"Downsample to {Resolution}"))
        {
            return;
        }
        _output ??= Engine.IO.OutputDirectory.Ensure(_outputPath);
        var block = _downsampler.Downsample(path, _target, _output, Cancellation);
        foreach (var warning in block.Warnings)
        {
            WriteWarning($"Block {meta.Id}: {warning}.");
        }
        WriteObject(ThanosBlock.From(block.Meta, block.Path, null, block.SizeBytes));
    }
}
