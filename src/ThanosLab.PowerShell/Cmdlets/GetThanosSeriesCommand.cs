using System.Management.Automation;
using ThanosLab.Engine.Series;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Reads the series of local blocks that a PromQL selector matches, with their samples in a time
/// range: raw samples, or one aggregate sample per window of a downsampled block.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ThanosSeries", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ThanosSeries))]
public sealed class GetThanosSeriesCommand : SeriesSelectionCmdlet
{
    protected override void ProcessBlock(string path, BlockMeta meta)
    {
        if (meta.MaxTime <= StartMs || meta.MinTime > EndMs)
        {
            return;
        }
        using var reader = BlockReader.Open(path);
        foreach (var series in BlockSeriesReader.Read(reader, Selector, StartMs, EndMs))
        {
            Cancellation.ThrowIfCancellationRequested();
            WriteObject(ThanosSeries.From(series, meta.Id, path));
        }
    }
}
