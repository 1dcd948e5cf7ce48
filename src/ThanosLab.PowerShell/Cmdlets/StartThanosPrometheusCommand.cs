using System.Collections;
using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine;
using ThanosLab.Engine.Configuration;
using ThanosLab.Engine.Durations;
using ThanosLab.Engine.Lab;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Cmdlets;

/// <summary>Starts Prometheus on a data directory (step 1 of the tutorial) and returns it once ready.</summary>
[Cmdlet(VerbsLifecycle.Start, "ThanosPrometheus", DefaultParameterSetName = GeneratedConfigSet, SupportsShouldProcess = true)]
[OutputType(typeof(ThanosComponent))]
public sealed class StartThanosPrometheusCommand : StartComponentCmdlet
{
    private const string GeneratedConfigSet = "GeneratedConfig";
    private const string ConfigObjectSet = "ConfigObject";
    private const string ConfigFileSet = "ConfigFile";

    /// <summary>The TSDB directory, e.g. where New-ThanosBlockData wrote the blocks.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("OutputDirectory")]
    [ValidateNotNullOrEmpty]
    public string DataPath { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = ConfigObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public IThanosConfig? Config { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ConfigFileSet)]
    [ValidateNotNullOrEmpty]
    public string? ConfigPath { get; set; }

    /// <summary>External labels of the generated config.</summary>
    [Parameter(ParameterSetName = GeneratedConfigSet)]
    [Alias("ExternalLabels")]
    public IDictionary? ExternalLabel { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan? RetentionTime { get; set; }

    [Parameter]
    [ValidateRange(1, 65535)]
    public int HttpPort { get; set; } = 9090;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ExternalUrl { get; set; }

    // The data directory's blocks and those an explicit -RetentionTime deletes, found by Build.
    // Reference-typed fields: a tuple of engine types would load the engine with the cmdlet type,
    // before the module has set up the load context that finds it.
    private IReadOnlyList<BlockMeta>? _blocks;
    private IReadOnlyList<BlockMeta>? _deletedByRetention;

    protected override ComponentKind Kind => ComponentKind.Prometheus;

    protected override string DefaultName => "prometheus";

    protected override Plan Build(string name, string network, LabStateDirectory state)
    {
        var data = GetUnresolvedProviderPathFromPSPath(DataPath);
        string configPath;
        var configs = new List<(string, IConfigDocument)>();
        if (ConfigPath is not null)
        {
            configPath = GetUnresolvedProviderPathFromPSPath(ConfigPath);
            if (!File.Exists(configPath))
            {
                throw new ThanosLabException(ErrorKind.ObjectNotFound, "ConfigFileMissing",
                    $"The Prometheus configuration '{configPath}' does not exist.", configPath,
                    "Write one with New-ThanosPrometheusConfig | Export-ThanosConfig, or leave -ConfigPath out for a minimal one.");
            }
        }
        else
        {
            var document = Config?.Document ?? MinimalPrometheusConfig.Create(data, LabelArguments.ToLabelSet(ExternalLabel, "external label"), HttpPort, Lab);
            if (document.Kind != ConfigKind.Prometheus)
            {
                throw new ThanosLabException(ErrorKind.InvalidArgument, "WrongConfigKind",
                    $"-Config takes a Prometheus configuration, not a {document.Kind} configuration.", Config,
                    "Give the object from New-ThanosPrometheusConfig (a bucket config goes to Start-ThanosSidecar -Bucket).");
            }
            configPath = state.ConfigPath(name, document.Kind);
            configs.Add((configPath, document));
        }
        var spec = new PrometheusSpec
        {
            RetentionTime = PrometheusDuration.FormatFlag(Retention(data)),
            Name = name,
            Image = ImageOr(DefaultImages.Prometheus),
            ConfigPath = configPath,
            DataPath = data,
            HttpPort = HttpPort,
            ExternalUrl = ExternalUrl,
            Network = network,
            ListenAddress = Listen,
        }.Build();
        return new Plan(spec, configs);
    }

    /// <summary>-RetentionTime, noting the blocks it deletes; without it one that keeps every block.</summary>
    private TimeSpan Retention(string data)
    {
        var blocks = PrometheusRetention.Blocks(data);
        var now = DateTimeOffset.UtcNow;
        if (RetentionTime is { } explicitRetention)
        {
            _blocks = blocks;
            _deletedByRetention = PrometheusRetention.Deleted(blocks, explicitRetention, now);
            return explicitRetention;
        }
        var covering = PrometheusRetention.Covering(blocks, now);
        WriteVerbose(blocks.Count == 0
            ? $"No -RetentionTime: --storage.tsdb.retention.time={PrometheusDuration.FormatFlag(covering)} (the tutorial's); '{data}' holds no blocks yet."
            : $"No -RetentionTime: --storage.tsdb.retention.time={PrometheusDuration.FormatFlag(covering)}, which keeps all {blocks.Count} block(s) in '{data}' " +
              $"(the oldest starts {DateTimeOffset.FromUnixTimeMilliseconds(blocks.Min(b => b.MinTime)):u}); Prometheus' own default, 15d, would delete every block ending more than 15 days before its newest data.");
        return covering;
    }

    protected override string? IrreversibleConsequence(ComponentSpec spec)
    {
        if (_deletedByRetention is not { Count: > 0 } blocks || _blocks is not { } all)
        {
            return null;
        }
        var keepAll = PrometheusDuration.FormatFlag(PrometheusRetention.Covering(all, DateTimeOffset.UtcNow));
        var retention = PrometheusDuration.FormatFlag(RetentionTime!.Value);
        return $"with --storage.tsdb.retention.time={retention} Prometheus deletes {blocks.Count} of the {all.Count} blocks in '{spec.DataPath}' " +
            $"(every block ending more than {retention} before its newest data, which soon is now): {string.Join(", ", blocks.Select(b => b.Id))}; " +
            $"leave -RetentionTime out, or give at least {keepAll}, to keep them all";
    }
}
