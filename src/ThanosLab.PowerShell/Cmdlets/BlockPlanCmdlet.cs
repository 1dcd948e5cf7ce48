using System.Collections;
using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Completion;
using ThanosLab.Engine;
using ThanosLab.Engine.Durations;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Cmdlets;

/// <summary>
/// The profile parameters shared by Get-ThanosBlockPlan and New-ThanosBlockData: a thanosbench
/// profile, external labels, a max time and the overrides of the series shape.
/// </summary>
public abstract class BlockPlanCmdlet : ThanosLabCmdlet
{
    protected const string ProfileSet = "Profile";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ProfileSet)]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Profile { get; set; } = "";

    [Parameter(ParameterSetName = ProfileSet)]
    [Alias("Labels", "ExternalLabel")]
    public Hashtable? Label { get; set; }

    [Parameter(ParameterSetName = ProfileSet)]
    [TimeOrDurationTransformation]
    public TimeOrDuration MaxTime { get; set; } = TimeOrDuration.FromNow(TimeSpan.FromHours(-2));

    [Parameter(ParameterSetName = ProfileSet)]
    [DurationTransformation]
    public TimeSpan? ScrapeInterval { get; set; }

    [Parameter(ParameterSetName = ProfileSet)]
    [DurationTransformation]
    public TimeSpan? ChangeInterval { get; set; }

    [Parameter(ParameterSetName = ProfileSet)]
    [ValidateRange(1, SeriesSpec.MaxTargets)]
    public int? Targets { get; set; }

    [Parameter(ParameterSetName = ProfileSet)]
    [ValidateRange(1, 1_000_000)]
    public int? MetricsPerTarget { get; set; }

    [Parameter(ParameterSetName = ProfileSet)]
    public double? Min { get; set; }

    [Parameter(ParameterSetName = ProfileSet)]
    public double? Max { get; set; }

    [Parameter(ParameterSetName = ProfileSet)]
    public double? Jitter { get; set; }

    [Parameter(ParameterSetName = ProfileSet)]
    [ValidateSet("Gauge", "Counter", "Random", "Histogram", "FloatHistogram", IgnoreCase = true)]
    public string? SeriesType { get; set; }

    [Parameter(ParameterSetName = ProfileSet)]
    public int? HistogramSchema { get; set; }

    [Parameter(ParameterSetName = ProfileSet)]
    public int? HistogramBucketCount { get; set; }

    /// <summary>Plans the profile; writes the future-data warning; throws a terminating error on bad input.</summary>
    protected IReadOnlyList<ThanosBlockPlan> PlanProfile()
    {
        try
        {
            var profile = ThanosbenchProfiles.Get(Profile);
            var labels = LabelArguments.ToLabelSet(Label, "external label");
            var now = DateTimeOffset.UtcNow;
            var overrides = new PlanOverrides
            {
                ScrapeInterval = ScrapeInterval,
                ChangeInterval = ChangeInterval,
                Targets = Targets,
                MetricsPerTarget = MetricsPerTarget,
                Min = Min,
                Max = Max,
                Jitter = Jitter,
                SeriesType = SeriesType is null ? null : BlockPlanYaml.ParseType(SeriesType),
                HistogramSchema = HistogramSchema,
                HistogramBuckets = HistogramBucketCount,
            };
            var specs = BlockPlanner.Plan(profile, labels, MaxTime.Resolve(now), overrides);
            var newest = DateTimeOffset.FromUnixTimeMilliseconds(specs[0].MaxTime);
            if (newest > now)
            {
                WriteWarning($"The plan ends at {newest.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}, {(newest - now).TotalMinutes:0} minutes in the future. " +
                    "A Prometheus serving this data rejects its own scrapes as out of bounds until the clock passes that time. " +
                    "Use a MaxTime at least 2h in the past (such as -MaxTime -2h) for a lab that scrapes at once.");
            }
            return specs.Select((s, i) => ThanosBlockPlan.From(s, profile.Name, i)).ToArray();
        }
        catch (ThanosLabException e)
        {
            ThrowEngineError(e);
            throw;
        }
    }
}
