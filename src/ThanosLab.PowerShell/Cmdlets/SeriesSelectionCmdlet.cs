using System.Management.Automation;
using ThanosLab.Engine.Series;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Base of Get-ThanosSeries and Export-ThanosSeries: which series (-Match, a PromQL selector parsed
/// before any block is read) and which samples (-Start, -End, inclusive) of the local blocks.
/// </summary>
public abstract class SeriesSelectionCmdlet : LocalBlocksCmdlet
{
    /// <summary>A PromQL series selector; every series when omitted.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Match { get; set; }

    [Parameter]
    public DateTimeOffset? Start { get; set; }

    [Parameter]
    public DateTimeOffset? End { get; set; }

    protected SeriesSelector Selector { get; private set; } = SeriesSelector.All;

    protected long StartMs => Start?.ToUnixTimeMilliseconds() ?? long.MinValue;

    protected long EndMs => End?.ToUnixTimeMilliseconds() ?? long.MaxValue;

    protected override void BeginProcessingCore()
    {
        if (Match is not null)
        {
            CurrentTarget = Match;
            Selector = SeriesSelector.Parse(Match);
        }
    }
}
