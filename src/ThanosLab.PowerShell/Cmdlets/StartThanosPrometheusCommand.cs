using System.Collections;
using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine;
using ThanosLab.Engine.Configuration;
using ThanosLab.Engine.Durations;
using ThanosLab.Engine.Lab;

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
            Name = name,
            Image = ImageOr(DefaultImages.Prometheus),
            ConfigPath = configPath,
            DataPath = data,
            RetentionTime = RetentionTime is { } r ? PrometheusDuration.FormatFlag(r) : null,
            HttpPort = HttpPort,
            ExternalUrl = ExternalUrl,
            Network = network,
        }.Build();
        return new Plan(spec, configs);
    }
}
