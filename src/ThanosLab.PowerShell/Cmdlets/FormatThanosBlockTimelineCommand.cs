using System.Management.Automation;
using System.Management.Automation.Host;
using ThanosLab.Engine.Objstore.Doctor;
using ThanosLab.Engine.Reporting;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Draws the blocks on the pipeline as a timeline of text lines, one lane per stream and resolution,
/// for a terminal: the console form of Export-ThanosBlockReport's picture.
/// </summary>
[Cmdlet(VerbsCommon.Format, "ThanosBlockTimeline")]
[OutputType(typeof(string))]
public sealed class FormatThanosBlockTimelineCommand : ThanosLabCmdlet
{
    /// <summary>Where the console cannot say how wide it is (output redirected, no host window).</summary>
    private const int FallbackWidth = 120;

    private readonly List<TimelineBlock> _blocks = new();

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ThanosBlock[] InputObject { get; set; } = Array.Empty<ThanosBlock>();

    /// <summary>Columns of the picture; the console's width when not given.</summary>
    [Parameter]
    [ValidateRange(BlockTimelineText.MinWidth, 1000)]
    public int Width { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    protected override void ProcessRecordCore() =>
        _blocks.AddRange(InputObject.Where(b => b is not null).Select(b => b.ToTimelineBlock()));

    protected override void EndProcessingCore()
    {
        if (_blocks.Count == 0)
        {
            WriteWarning("There are no blocks to draw.");
            return;
        }
        var timeline = BlockTimeline.FromBlocks(Title, _blocks, Array.Empty<BucketFinding>(), check: false, DateTimeOffset.UtcNow);
        foreach (var line in BlockTimelineText.Render(timeline, MyInvocation.BoundParameters.ContainsKey(nameof(Width)) ? Width : ConsoleWidth()))
        {
            WriteObject(line);
        }
    }

    private int ConsoleWidth()
    {
        try
        {
            var width = Host.UI.RawUI.BufferSize.Width;
            return width >= BlockTimelineText.MinWidth ? width - 1 : FallbackWidth;
        }
        catch (Exception e) when (e is NotImplementedException or HostException or PSNotImplementedException or IOException)
        {
            return FallbackWidth;
        }
    }
}
