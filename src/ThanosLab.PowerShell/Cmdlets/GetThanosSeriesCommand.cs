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
public sealed class GetThanosSeriesCommand : LocalBlocksCmdlet
{
    private SeriesSelector _selector = SeriesSelector.All;

    /// <summary>A PromQL series selector; every series when omitted.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Match { get; set; }

    [Parameter]
    public DateTimeOffset? Start { get; set; }

    [Parameter]
    public DateTimeOffset? End { get; set; }

    protected override void BeginProcessingCore()
    {
        if (Match is not null)
        {
            CurrentTarget = Match;
            _selector = SeriesSelector.Parse(Match);
        }
    }

    protected override void ProcessBlock(string path, BlockMeta meta)
    {
        var start = Start?.ToUnixTimeMilliseconds() ?? long.MinValue;
        var end = End?.ToUnixTimeMilliseconds() ?? long.MaxValue;
        if (meta.MaxTime <= start || meta.MinTime > end)
        {
            return;
        }
        using var reader = BlockReader.Open(path);
        foreach (var series in BlockSeriesReader.Read(reader, _selector, start, end))
        {
            Cancellation.ThrowIfCancellationRequested();
            WriteObject(ThanosSeries.From(series, meta.Id, path));
        }
    }
}
