using System.Management.Automation;
using ThanosLab.Engine.Series;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Writes the series of local raw blocks as OpenMetrics text that promtool's create-blocks-from
/// openmetrics reads back; all blocks of the pipeline go into one file, oldest block first.
/// </summary>
[Cmdlet(VerbsData.Export, "ThanosSeries", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportThanosSeriesCommand : SeriesSelectionCmdlet
{
    private readonly List<(string Path, BlockMeta Meta)> _blocks = new();

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string OutputPath { get; set; } = "";

    [Parameter]
    [ValidateSet("OpenMetrics")]
    public string Format { get; set; } = "OpenMetrics";

    protected override void ProcessBlock(string path, BlockMeta meta) => _blocks.Add((path, meta));

    protected override void EndProcessingCore()
    {
        var output = GetUnresolvedProviderPathFromPSPath(OutputPath);
        if (_blocks.Count == 0 || !ShouldProcess(output, $"Export the series of {_blocks.Count} block(s) as OpenMetrics"))
        {
            return;
        }
        CurrentTarget = output;
        var paths = _blocks.OrderBy(b => b.Meta.MinTime).Select(b => b.Path).ToArray();
        var samples = OpenMetricsExporter.Export(paths, Selector, StartMs, EndMs, output, Cancellation);
        WriteVerbose($"Wrote {samples:N0} samples of {_blocks.Count} block(s) to '{output}'.");
        WriteObject(new FileInfo(output));
    }
}
