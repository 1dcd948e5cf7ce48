using System.Diagnostics;
using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Objstore.Doctor;
using ThanosLab.Engine.Reporting;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Writes one self-contained HTML file that draws the blocks of a bucket, or the blocks on the
/// pipeline, on a timeline: one lane per stream and resolution, overlaps, marks, partial uploads and
/// the doctor's findings on their blocks.
/// </summary>
[Cmdlet(VerbsData.Export, "ThanosBlockReport", DefaultParameterSetName = BlockSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportThanosBlockReportCommand : ThanosLabCmdlet
{
    private const string BlockSet = "Block";
    private const string BucketSet = "Bucket";

    private readonly List<TimelineBlock> _blocks = new();
    private readonly List<BucketFinding> _findings = new();
    private string _output = "";

    /// <summary>The file written, taken as written (no wildcards), as Export-ThanosConfig's path is.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("LiteralPath", "FilePath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = BucketSet)]
    [ValidateNotNull]
    public ThanosBucketConfig Bucket { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = BlockSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ThanosBlock[] InputObject { get; set; } = Array.Empty<ThanosBlock>();

    /// <summary>Test-ThanosBucket findings to draw on their blocks.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public ThanosBucketFinding[] Finding { get; set; } = Array.Empty<ThanosBucketFinding>();

    /// <summary>Run the bucket doctor's checks and draw their findings.</summary>
    [Parameter]
    public SwitchParameter Check { get; set; }

    [Parameter(ParameterSetName = BucketSet)]
    [DurationTransformation]
    public TimeSpan DeleteDelay { get; set; } = BucketSurvey.DefaultDeleteDelay;

    [Parameter(ParameterSetName = BucketSet)]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = BucketBlockCatalog.DefaultParallelism;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    /// <summary>Replace an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessingCore()
    {
        _output = GetUnresolvedProviderPathFromPSPath(Path);
        CurrentTarget = _output;
        // Refused before the bucket is read: nothing the user pointed at is replaced by default.
        BlockReportHtml.CheckTarget(_output, Force);
    }

    protected override void ProcessRecordCore()
    {
        if (ParameterSetName == BlockSet)
        {
            _blocks.AddRange(InputObject.Where(b => b is not null).Select(b => b.ToTimelineBlock()));
        }
        foreach (var finding in Finding.Where(f => f is not null))
        {
            if (finding.TryToBucketFinding(out var converted))
            {
                _findings.Add(converted);
                continue;
            }
            WriteError(ErrorRecords.Create("UnknownFindingKind", ErrorCategory.InvalidArgument,
                $"The finding kind '{finding.Kind}' is not one Test-ThanosBucket reports ({string.Join(", ", Enum.GetNames<BucketFindingKind>())}); it is not drawn.",
                finding));
        }
        Finding = Array.Empty<ThanosBucketFinding>();
        InputObject = Array.Empty<ThanosBlock>();
    }

    protected override void EndProcessingCore()
    {
        var watch = Stopwatch.StartNew();
        BlockTimeline timeline;
        if (ParameterSetName == BucketSet)
        {
            using var bucket = Bucket.Config.Open();
            var survey = Await(BucketSurvey.ReadAsync(bucket, DeleteDelay, DateTimeOffset.UtcNow, ThrottleLimit, Cancellation));
            WriteVerbose($"Read {survey.Blocks.Count} block(s) of {bucket.Location} in {watch.Elapsed.TotalSeconds:0.000} s.");
            watch.Restart();
            timeline = BlockTimeline.FromSurvey(Title ?? bucket.Location, survey, _findings, Check);
        }
        else
        {
            timeline = BlockTimeline.FromBlocks(Title, _blocks, _findings, Check, DateTimeOffset.UtcNow);
        }
        if (timeline.BlockCount == 0)
        {
            WriteWarning($"There are no blocks to draw, so '{_output}' was not written.");
            return;
        }
        if (!ShouldProcess(_output, $"Write a report of {timeline.BlockCount} block(s) in {timeline.Lanes.Count} lane(s)")) return;
        BlockReportHtml.WriteFile(timeline, _output, Force, Cancellation);
        var file = new FileInfo(_output);
        WriteVerbose($"Wrote the report of {timeline.BlockCount} block(s) to '{_output}' ({file.Length:N0} bytes) in {watch.Elapsed.TotalSeconds:0.000} s.");
        WriteObject(file);
    }
}
