using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Series;
using ThanosLab.Engine.Tsdb;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Reads the series of local blocks that a PromQL selector matches, with their samples in a time
/// range: raw samples, or one aggregate sample per window of a downsampled block.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ThanosSeries")]
[OutputType(typeof(ThanosSeries))]
public sealed class GetThanosSeriesCommand : ThanosLabCmdlet
{
    private SeriesSelector _selector = SeriesSelector.All;

    /// <summary>Block directories or data directories (a ThanosBlock's Path binds here by property name).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>A PromQL series selector; every series when omitted.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Match { get; set; }

    [Parameter]
    public DateTimeOffset? Start { get; set; }

    [Parameter]
    public DateTimeOffset? End { get; set; }

    protected override void BeginProcessing()
    {
        if (Match is null)
        {
            return;
        }
        try
        {
            _selector = SeriesSelector.Parse(Match);
        }
        catch (ThanosLabException e)
        {
            ThrowEngineError(e, Match);
        }
    }

    protected override void ProcessRecord()
    {
        var start = Start?.ToUnixTimeMilliseconds() ?? long.MinValue;
        var end = End?.ToUnixTimeMilliseconds() ?? long.MaxValue;
        foreach (var path in ResolveFileSystemPaths(Path))
        {
            try
            {
                foreach (var entry in LocalBlockDirectory.List(path, cancellation: Cancellation))
                {
                    Read(entry, start, end);
                }
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, path);
            }
        }
    }

    private void Read(LocalBlockEntry entry, long start, long end)
    {
        if (entry.State == LocalBlockState.Skipped)
        {
            WriteVerbose($"Skipped '{entry.Path}': {entry.Reason}.");
            return;
        }
        if (entry.State == LocalBlockState.Invalid)
        {
            WriteEngineError(entry.Error!, entry.Path);
            return;
        }
        if (entry.Meta!.MaxTime <= start || entry.Meta.MinTime > end)
        {
            return;
        }
        try
        {
            using var reader = BlockReader.Open(entry.Path);
            foreach (var series in BlockSeriesReader.Read(reader, _selector, start, end))
            {
                Cancellation.ThrowIfCancellationRequested();
                WriteObject(ThanosSeries.From(series, entry.Meta.Id, entry.Path));
            }
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
