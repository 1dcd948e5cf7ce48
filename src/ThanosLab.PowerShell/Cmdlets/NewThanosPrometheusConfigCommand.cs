using System.Collections;
using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine;
using ThanosLab.Engine.Prometheus;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Cmdlets;

/// <summary>Builds a Prometheus configuration (prometheus.yml) in memory; Export-ThanosConfig writes it.</summary>
[Cmdlet(VerbsCommon.New, "ThanosPrometheusConfig")]
[OutputType(typeof(ThanosPrometheusConfig))]
public sealed class NewThanosPrometheusConfigCommand : ThanosLabCmdlet
{
    private readonly List<ScrapeJob> _jobs = new();

    [Parameter]
    [DurationTransformation]
    public TimeSpan? ScrapeInterval { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan? EvaluationInterval { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ExternalLabels", "Label")]
    public IDictionary? ExternalLabel { get; set; }

    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ScrapeJobs")]
    public object[]? ScrapeJob { get; set; }

    /// <summary>Adds the tutorial's scrape jobs for every lab component.</summary>
    [Parameter]
    public SwitchParameter IncludeLabComponents { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string LabHost { get; set; } = "127.0.0.1";

    protected override void ProcessRecordCore()
    {
        try
        {
            foreach (var job in ScrapeJob ?? Array.Empty<object>())
            {
                _jobs.Add(ScrapeJobArguments.ToScrapeJob(job));
            }
        }
        catch (ThanosLabException e)
        {
            ThrowEngineError(e);
        }
    }

    protected override void EndProcessingCore()
    {
        try
        {
            var jobs = IncludeLabComponents ? LabScrapeJobs.For(LabHost).Concat(_jobs) : _jobs;
            var labels = LabelArguments.ToLabelSet(ExternalLabel, "external label");
            var config = new PrometheusConfig(ScrapeInterval, EvaluationInterval, LabelNameRules.ValidateExternal(labels), jobs);
            WriteObject(new ThanosPrometheusConfig(config));
        }
        catch (ThanosLabException e)
        {
            ThrowEngineError(e);
        }
    }
}
