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
    private string? _output;

    [Parameter(Mandatory = true)]
    [ValidateSet("5m", "1h")]
    public string Resolution { get; set; } = "";

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string OutputDirectory { get; set; } = "";

    protected override void ProcessBlock(string path, BlockMeta meta)
    {
        var target = DownsampleResolution.ParseTarget(Resolution);
        var reason = DownsampleResolution.WhyNotEligible(meta, target);
        if (reason is not null)
        {
            WriteWarning($"Block {meta.Id} is not downsampled to {Resolution}: {reason}.");
            return;
        }
        var output = GetUnresolvedProviderPathFromPSPath(OutputDirectory);
        if (!ShouldProcess($"block {meta.Id} ({DownsampleResolution.Name(DownsampleResolution.Of(meta))}) into '{output}'", $"Downsample to {Resolution}"))
        {
            return;
        }
        _output ??= Engine.IO.OutputDirectory.Ensure(output);
        var block = _downsampler.Downsample(path, target, _output, Cancellation);
        foreach (var warning in block.Warnings)
        {
            WriteWarning($"Block {meta.Id}: {warning}.");
        }
        WriteObject(ThanosBlock.From(block.Meta, block.Path, null, block.SizeBytes));
    }
}
