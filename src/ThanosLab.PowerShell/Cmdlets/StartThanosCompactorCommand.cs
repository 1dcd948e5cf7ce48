using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine.Configuration;
using ThanosLab.Engine.Durations;
using ThanosLab.Engine.Lab;

namespace ThanosLab.Cmdlets;

/// <summary>Starts the Thanos compactor on a bucket (step 4 of the tutorial): compaction, retention, downsampling.</summary>
[Cmdlet(VerbsLifecycle.Start, "ThanosCompactor", SupportsShouldProcess = true)]
[OutputType(typeof(ThanosComponent))]
public sealed class StartThanosCompactorCommand : StartComponentCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ThanosBucketConfig? Bucket { get; set; }

    [Parameter]
    [ValidateRange(1, 65535)]
    public int HttpPort { get; set; } = 19095;

    [Parameter]
    [DurationTransformation]
    public TimeSpan WaitInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Parameter]
    [DurationTransformation]
    public TimeSpan ConsistencyDelay { get; set; } = TimeSpan.Zero;

    [Parameter]
    [DurationTransformation]
    public TimeSpan? RetentionRaw { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan? Retention5m { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan? Retention1h { get; set; }

    [Parameter]
    public SwitchParameter DisableDownsampling { get; set; }

    protected override ComponentKind Kind => ComponentKind.Compactor;

    protected override string DefaultName => "thanos-compact";

    protected override Plan Build(string name, string network, LabStateDirectory state)
    {
        var path = state.ConfigPath(name, ConfigKind.Bucket);
        static string? Duration(TimeSpan? d) => d is { } v ? PrometheusDuration.FormatFlag(v) : null;
        var spec = new CompactorSpec
        {
            Name = name,
            Image = ImageOr(DefaultImages.Thanos),
            BucketConfigPath = path,
            HttpPort = HttpPort,
            WaitInterval = GoDuration.Format(WaitInterval),
            ConsistencyDelay = GoDuration.Format(ConsistencyDelay),
            RetentionRaw = Duration(RetentionRaw),
            Retention5m = Duration(Retention5m),
            Retention1h = Duration(Retention1h),
            DisableDownsampling = DisableDownsampling,
            Network = network,
            ListenAddress = Listen,
        }.Build();
        return new Plan(spec, new[] { (path, ((IThanosConfig)Bucket!).Document) });
    }
}
