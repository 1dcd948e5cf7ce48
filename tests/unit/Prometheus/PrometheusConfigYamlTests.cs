using System.Diagnostics;
using ThanosLab.Engine;
using ThanosLab.Engine.Prometheus;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Tests.Infrastructure;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace ThanosLab.Tests.Prometheus;

public class PrometheusConfigYamlTests
{
    /// <summary>prometheus0_eu1.yml as the tutorial writes it by hand (tutorial-reference.md, step 1).</summary>
    internal const string TutorialText = """
        global:
          scrape_interval: 5s
          external_labels:
            cluster: eu1
            replica: 0
            tenant: team-eu

        scrape_configs:
          - job_name: 'prometheus'
            static_configs:
              - targets: ['127.0.0.1:9090']
          - job_name: 'sidecar'
            static_configs:
              - targets: ['127.0.0.1:19090']
          - job_name: 'minio'
            metrics_path: /minio/prometheus/metrics
            static_configs:
              - targets: ['127.0.0.1:9000']
          - job_name: 'querier'
            static_configs:
              - targets: ['127.0.0.1:9091']
          - job_name: 'store_gateway'
            static_configs:
              - targets: ['127.0.0.1:19091']
        """;

    /// <summary>Our canonical form of the same file: what Export-ThanosConfig writes.</summary>
    internal const string CanonicalText = """
        global:
          scrape_interval: 5s
          external_labels:
            cluster: eu1
            replica: "0"
            tenant: team-eu
        scrape_configs:
          - job_name: prometheus
            static_configs:
              - targets: ["127.0.0.1:9090"]
          - job_name: sidecar
            static_configs:
              - targets: ["127.0.0.1:19090"]
          - job_name: minio
            metrics_path: /minio/prometheus/metrics
            static_configs:
              - targets: ["127.0.0.1:9000"]
          - job_name: querier
            static_configs:
              - targets: ["127.0.0.1:9091"]
          - job_name: store_gateway
            static_configs:
              - targets: ["127.0.0.1:19091"]

        """;

    [Fact]
    public void TheTutorialFileReadsAsItsSettings()
    {
        var c = PrometheusConfigYaml.Parse(TutorialText, "'prometheus0_eu1.yml'");
        Assert.Equal(TimeSpan.FromSeconds(5), c.ScrapeInterval);
        Assert.Null(c.EvaluationInterval);
        Assert.Equal("{cluster=\"eu1\", replica=\"0\", tenant=\"team-eu\"}", c.ExternalLabels.ToString());
        Assert.Equal(new[] { "prometheus", "sidecar", "minio", "querier", "store_gateway" }, c.ScrapeJobs.Select(j => j.Name));
        Assert.Equal("/minio/prometheus/metrics", c.ScrapeJobs[2].MetricsPath);
        Assert.Equal("/metrics", c.ScrapeJobs[0].MetricsPath);
        Assert.Equal(new[] { "127.0.0.1:19091" }, c.ScrapeJobs[4].Targets);
        Assert.Equal(LabScrapeJobs.For(), c.ScrapeJobs);
    }

    [Fact]
    public void CanonicalTextRoundTrips()
    {
        var fromTutorial = PrometheusConfigYaml.Parse(TutorialText, "tutorial");
        Assert.Equal(CanonicalText, fromTutorial.ToYaml());
        Assert.Equal(CanonicalText, PrometheusConfigYaml.Parse(CanonicalText, "canonical").ToYaml());
    }

    [Fact]
    public void EmptyConfigIsAnEmptyGlobalSection()
    {
        Assert.Equal("global: {}\n", new PrometheusConfig().ToYaml());
        Assert.Empty(PrometheusConfigYaml.Parse("", "empty").ScrapeJobs);
        Assert.Equal(TimeSpan.FromMinutes(90), PrometheusConfigYaml.Parse("global:\n  evaluation_interval: 1h30m\n", "x").EvaluationInterval);
    }

    [Theory]
    [InlineData("scrape_config:\n  - job_name: a\n", "unknown key 'scrape_config'")]
    [InlineData("rule_files: [a.yml]\n", "'rule_files', a setting ThanosLab does not model")]
    [InlineData("global:\n  scrape_intervall: 5s\n", "unknown key 'scrape_intervall' in 'global'")]
    [InlineData("global:\n  scrape_interval: 1.5h\n", "'1.5h', which is not a positive Prometheus duration")]
    [InlineData("global:\n  external_labels:\n    1bad: x\n", "'1bad' is not a valid external label name")]
    [InlineData("global:\n  external_labels:\n    __x: x\n", "'__x' cannot be an external label")]
    [InlineData("scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ['http://a:9090']\n", "'http://a:9090' in scrape job 'a' is not a scrape target")]
    [InlineData("scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ['a:99999']\n", "'99999' is not a port")]
    [InlineData("scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ['a']\n", "the port is missing")]
    [InlineData("scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ['a:1']\n  - job_name: a\n    static_configs:\n      - targets: ['b:1']\n", "'a' is used more than once")]
    [InlineData("scrape_configs:\n  - static_configs:\n      - targets: ['a:1']\n", "without 'job_name'")]
    [InlineData("scrape_configs:\n  - job_name: a\n    scheme: https\n", "unknown key 'scheme' in a scrape config")]
    [InlineData("global: [\n", "is not valid YAML")]
    public void BadFilesAreRefusedNamingTheProblem(string yaml, string expected)
    {
        var e = Assert.Throws<ThanosLabException>(() => PrometheusConfigYaml.Parse(yaml, "'p.yml'"));
        Assert.Equal("InvalidPrometheusConfig", e.ErrorId);
        Assert.Contains(expected, e.Message);
        Assert.Contains("'p.yml'", e.Message);
    }

    [Theory]
    [InlineData("[::1]:9090")]
    [InlineData("localhost:1")]
    [InlineData("prometheus-0.eu1.svc:65535")]
    public void TargetsTakeNamesAndAddresses(string target) =>
        Assert.Equal(target, ScrapeJob.ValidateTarget("j", target));

    [Theory]
    [InlineData("::1:9090")]
    [InlineData("127.0.0.1:9090/metrics")]
    [InlineData("a b:9090")]
    [InlineData(":9090")]
    public void MalformedTargetsAreRefused(string target)
    {
        var e = Assert.Throws<ThanosLabException>(() => ScrapeJob.ValidateTarget("j", target));
        Assert.Equal("InvalidScrapeTarget", e.ErrorId);
        Assert.Contains($"'{target}'", e.Message);
    }

    [Fact]
    public void OddLabelValuesAreQuotedSoTheyStayText()
    {
        var labels = LabelSet.Create(new[] { new Label("a", "true"), new Label("b", "x: y"), new Label("c", "say \"hi\"") });
        var yaml = new PrometheusConfig(externalLabels: labels).ToYaml();
        Assert.Contains("a: \"true\"\n", yaml);
        Assert.Contains("b: \"x: y\"\n", yaml);
        Assert.Equal(labels, PrometheusConfigYaml.Parse(yaml, "x").ExternalLabels);
    }

    public static IEnumerable<object[]> ConfigsForPromtool() => new[]
    {
        new object[] { "prometheus0_eu1", PrometheusConfigYaml.Parse(TutorialText, "tutorial").ToYaml() },
        new object[]
        {
            "every-feature",
            new PrometheusConfig(TimeSpan.FromMilliseconds(1500), TimeSpan.FromHours(1.5),
                LabelSet.Create(new[] { new Label("a", "true"), new Label("b", "x: y"), new Label("c", "say \"hi\""), new Label("d", "0x10"), new Label("e", "#tag") }),
                new[]
                {
                    new ScrapeJob("true", new[] { "[::1]:9090", "localhost:9100" }),
                    new ScrapeJob("job with: colon", new[] { "a.example.com:80" }, "/minio/prometheus/metrics"),
                }).ToYaml(),
        },
    };

    [SkippableTheory]
    [MemberData(nameof(ConfigsForPromtool))]
    public void PromtoolChecksOurFile(string name, string yaml)
    {
        var promtool = Requires.Tool("promtool", "apt-get install prometheus");
        using var dir = new TempDirectory();
        var path = dir.Combine(name + ".yml");
        File.WriteAllText(path, yaml);
        var start = new ProcessStartInfo(promtool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "check", "config", path }) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd() + stderr.Result;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, output);
        Assert.Contains("SUCCESS", output);
    }

    /// <summary>
    /// Label names and values that YAML 1.1 reads as null, booleans or numbers when plain: a real
    /// Prometheus 2.42 (Go's yaml.v2) loads our file and reports, in /api/v1/status/config, the very
    /// labels we wrote. Written plain, the name null would have become an empty (invalid) label name.
    /// </summary>
    [SkippableFact]
    public async Task LabelsThatLookLikeYamlKeywordsReadBackAsThemselvesInPrometheus()
    {
        var labels = LabelSet.Create(new[]
        {
            new Label("null", "~"), new Label("yes", "no"), new Label("on", "0x10"), new Label("true", "1e3"), new Label("y", "null"),
        });
        var yaml = new PrometheusConfig(TimeSpan.FromSeconds(15), null, labels, Array.Empty<ScrapeJob>()).ToYaml();
        using var prometheus = await PrometheusProcess.StartAsync(Array.Empty<string>(), yaml);
        using var http = new HttpClient { BaseAddress = prometheus.Endpoint };
        using var answer = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("api/v1/status/config"));
        var loaded = new YamlStream();
        loaded.Load(new StringReader(answer.RootElement.GetProperty("data").GetProperty("yaml").GetString()!));
        var global = (YamlMappingNode)((YamlMappingNode)loaded.Documents[0].RootNode)["global"];
        var external = (YamlMappingNode)global["external_labels"];
        var read = external.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!);
        Assert.Equal(labels.ToDictionary(), read);
    }
}
