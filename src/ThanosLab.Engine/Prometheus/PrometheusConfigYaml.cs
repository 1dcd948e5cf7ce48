using System.Text;
using ThanosLab.Engine.Configuration;
using ThanosLab.Engine.Durations;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ThanosLab.Engine.Prometheus;

/// <summary>
/// prometheus.yml as Prometheus 2.x reads it (yaml.v2 into its config structs, unknown keys are
/// errors). Writes one canonical form — the tutorial's layout — and reads any YAML spelling of the
/// subset <see cref="PrometheusConfig"/> models; a valid Prometheus key outside that subset is refused
/// by name rather than silently dropped.
/// </summary>
public static class PrometheusConfigYaml
{
    private static readonly StrictYamlFormat Format = new("The Prometheus configuration", "InvalidPrometheusConfig", "", "Correct the file, or build the configuration with New-ThanosPrometheusConfig.");

    private static readonly string[] TopKeys = { "global", "scrape_configs" };
    private static readonly string[] GlobalKeys = { "scrape_interval", "evaluation_interval", "external_labels" };
    private static readonly string[] JobKeys = { "job_name", "metrics_path", "static_configs" };
    private static readonly string[] StaticConfigKeys = { "targets" };

    // Keys Prometheus 2.42 accepts that ThanosLab does not model: refused with a clearer message.
    private static readonly string[] UnmodelledTopKeys = { "alerting", "rule_files", "remote_write", "remote_read", "storage", "tracing", "scrape_config_files" };

    /// <summary>
    /// True when a file with these top-level keys (<see cref="YamlTopLevelKeys"/>) is a Prometheus
    /// configuration: some keys, all of them prometheus.yml's own.
    /// </summary>
    public static bool Recognises(IReadOnlyCollection<string> topLevelKeys) =>
        topLevelKeys.Count > 0 && topLevelKeys.All(k => TopKeys.Contains(k, StringComparer.Ordinal) || UnmodelledTopKeys.Contains(k, StringComparer.Ordinal));

    public static string Write(PrometheusConfig config)
    {
        var w = new YamlDocumentWriter().String("global");
        var globalEmpty = config.ScrapeInterval is null && config.EvaluationInterval is null && config.ExternalLabels.Count == 0;
        w.BeginMapping(flow: globalEmpty);
        if (config.ScrapeInterval is { } si) w.String("scrape_interval").Literal(PrometheusDuration.Format(si));
        if (config.EvaluationInterval is { } ei) w.String("evaluation_interval").Literal(PrometheusDuration.Format(ei));
        if (config.ExternalLabels.Count > 0)
        {
            w.String("external_labels").BeginMapping();
            foreach (var l in config.ExternalLabels) w.Entry(l.Name, l.Value);
            w.EndMapping();
        }
        w.EndMapping();
        if (config.ScrapeJobs.Count > 0)
        {
            w.String("scrape_configs").BeginSequence();
            foreach (var job in config.ScrapeJobs)
            {
                w.BeginMapping().Entry("job_name", job.Name);
                if (job.MetricsPath != ScrapeJob.DefaultMetricsPath) w.Entry("metrics_path", job.MetricsPath);
                w.String("static_configs").BeginSequence().BeginMapping().String("targets").BeginSequence(flow: true);
                foreach (var target in job.Targets) w.Quoted(target);
                w.EndSequence().EndMapping().EndSequence().EndMapping();
            }
            w.EndSequence();
        }
        return w.ToString();
    }

    /// <summary>Reads prometheus.yml text; <paramref name="source"/> names the input in errors.</summary>
    public static PrometheusConfig Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new BoundedYamlParser(new StringReader(yaml), source));
        }
        catch (YamlException e)
        {
            throw Invalid(source, e.Start.Line, $"is not valid YAML: {e.Message}");
        }
        if (stream.Documents.Count > 1) throw Invalid(source, stream.Documents[1].RootNode.Start.Line, "holds more than one YAML document");
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode)) return new PrometheusConfig();
        var top = Map(stream.Documents[0].RootNode, source, "the top level", TopKeys, UnmodelledTopKeys);

        TimeSpan? scrape = null, evaluation = null;
        var external = LabelSet.Empty;
        if (top.TryGetValue("global", out var globalNode))
        {
            var g = Map(globalNode, source, "'global'", GlobalKeys);
            if (g.TryGetValue("scrape_interval", out var n)) scrape = Duration(n, source, "global.scrape_interval");
            if (g.TryGetValue("evaluation_interval", out n)) evaluation = Duration(n, source, "global.evaluation_interval");
            if (g.TryGetValue("external_labels", out n)) external = Labels(n, source);
        }
        var jobs = new List<ScrapeJob>();
        if (top.TryGetValue("scrape_configs", out var jobsNode) && !IsNull(jobsNode))
        {
            foreach (var item in Sequence(jobsNode, source, "'scrape_configs'"))
            {
                jobs.Add(Job(item, source));
            }
        }
        // Intervals and labels were checked above; what is left to refuse is a repeated job name.
        return Wrap(source, jobsNode?.Start.Line ?? 1, () => new PrometheusConfig(scrape, evaluation, external, jobs));
    }

    private static ScrapeJob Job(YamlNode node, string source)
    {
        var m = Map(node, source, "a scrape config", JobKeys);
        if (!m.TryGetValue("job_name", out var nameNode)) throw Invalid(source, node.Start.Line, "has a scrape config without 'job_name'");
        var name = Str(nameNode, source, "job_name");
        var path = m.TryGetValue("metrics_path", out var p) ? Str(p, source, "metrics_path") : null;
        var targets = new List<string>();
        if (m.TryGetValue("static_configs", out var sc) && !IsNull(sc))
        {
            foreach (var staticConfig in Sequence(sc, source, $"'static_configs' of job '{name}'"))
            {
                var s = Map(staticConfig, source, $"a static config of job '{name}'", StaticConfigKeys);
                if (s.TryGetValue("targets", out var t) && !IsNull(t))
                {
                    targets.AddRange(Sequence(t, source, $"'targets' of job '{name}'").Select(x => Str(x, source, "a target")));
                }
            }
        }
        return Wrap(source, node.Start.Line, () => new ScrapeJob(name, targets, path));
    }

    private static T Wrap<T>(string source, long line, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ThanosLabException e) when (e.Kind == ErrorKind.InvalidArgument)
        {
            throw Invalid(source, line, e.Message, e);
        }
    }

    private static TimeSpan Duration(YamlNode n, string source, string what)
    {
        var s = Str(n, source, what);
        // model.ParseDuration, not Go's: "1h30m" and "90m" are fine, "1.5h" is not.
        return PrometheusDuration.TryParseStrict(s, out var d) && d > TimeSpan.Zero
            ? d
            : throw Invalid(source, n.Start.Line, $"has {what} '{s}', which is not a positive Prometheus duration such as 15s, 1m or 1h30m");
    }

    private static LabelSet Labels(YamlNode node, string source)
    {
        if (IsNull(node)) return LabelSet.Empty;
        if (node is not YamlMappingNode map) throw Invalid(source, node.Start.Line, "has 'external_labels' that is not a mapping of names to values");
        var labels = map.Children.Select(kv => new Label(Str(kv.Key, source, "an external label name"), Str(kv.Value, source, "an external label value"))).ToArray();
        return Wrap(source, node.Start.Line, () => LabelNameRules.ValidateExternal(LabelSet.Create(labels, "external label")));
    }

    private static Dictionary<string, YamlNode> Map(YamlNode node, string source, string what, string[] known, string[]? unmodelled = null) =>
        Format.Map(node, source, what, known, unmodelled);

    private static IEnumerable<YamlNode> Sequence(YamlNode node, string source, string what) =>
        node as YamlSequenceNode ?? throw Invalid(source, node.Start.Line, $"has {what} that is not a list");

    private static bool IsNull(YamlNode n) => StrictYamlFormat.IsNull(n);

    private static string Str(YamlNode n, string source, string what) => Format.Str(n, source, what);

    private static ThanosLabException Invalid(string source, long line, string message, Exception? inner = null) =>
        Format.Invalid(source, line, message, inner);
}
