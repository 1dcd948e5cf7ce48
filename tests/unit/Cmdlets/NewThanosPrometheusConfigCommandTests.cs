using System.Management.Automation;
using ThanosLab.Tests.Infrastructure;
using ThanosLab.Tests.Prometheus;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

public class NewThanosPrometheusConfigCommandTests
{
    [Fact]
    public void BuildsTheTutorialsPrometheus0Eu1()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("New-ThanosPrometheusConfig -ScrapeInterval '5s' -ExternalLabel @{ cluster = 'eu1'; replica = '0'; tenant = 'team-eu' } -IncludeLabComponents");
        var config = Assert.Single(ps.Invoke<ThanosPrometheusConfig>());
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(PrometheusConfigYamlTests.CanonicalText, config.ToYaml());
        Assert.Equal(TimeSpan.FromSeconds(5), config.ScrapeInterval);
        Assert.Equal("team-eu", config.ExternalLabels["tenant"]);
        Assert.Equal("/minio/prometheus/metrics", config.ScrapeJobs[2].MetricsPath);
        // Semantically the same file as the tutorial's hand-written one.
        Assert.Equal(Engine.Prometheus.PrometheusConfigYaml.Parse(PrometheusConfigYamlTests.TutorialText, "tutorial").ToYaml(), config.ToYaml());
    }

    [Fact]
    public void TakesJobsAsHashtablesAndObjectsFromThePipeline()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("""
            $first = New-ThanosPrometheusConfig -ScrapeJob @{ Name = 'node'; Targets = '10.0.0.1:9100', '10.0.0.2:9100' }, @{ Name = 'minio'; Targets = 'm:9000'; MetricsPath = '/minio/prometheus/metrics' }
            $first.ScrapeJobs | New-ThanosPrometheusConfig -EvaluationInterval '30s'
            """);
        var config = Assert.Single(ps.Invoke<ThanosPrometheusConfig>());
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(new[] { "node", "minio" }, config.ScrapeJobs.Select(j => j.Name));
        Assert.Equal(new[] { "10.0.0.1:9100", "10.0.0.2:9100" }, config.ScrapeJobs[0].Targets);
        Assert.Equal(TimeSpan.FromSeconds(30), config.EvaluationInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), config.ScrapeInterval);
        Assert.DoesNotContain("scrape_interval", config.ToYaml());
    }

    [Theory]
    [InlineData("-ScrapeJob @{ Name = 'a'; Targets = 'http://a:1' }", "InvalidScrapeTarget", "'http://a:1'")]
    [InlineData("-ScrapeJob @{ Name = 'a'; Target = 'a:1'; Path = '/x' }", "InvalidScrapeJob", "'Path'")]
    [InlineData("-ScrapeJob @{ Name = 'a' }", "MissingScrapeTargets", "'a' has no targets")]
    [InlineData("-ScrapeJob @{ Name = 'prometheus'; Targets = 'a:1' } -IncludeLabComponents", "DuplicateScrapeJob", "'prometheus'")]
    [InlineData("-ScrapeJob @{ Name = 'a'; Targets = 'a:1'; MetricsPath = 'metrics' }", "InvalidMetricsPath", "'metrics'")]
    [InlineData("-ExternalLabel @{ 'bad-name' = 'x' }", "InvalidLabelName", "'bad-name'")]
    [InlineData("-ExternalLabel @{ __replica = 'x' }", "ReservedExternalLabel", "'__replica'")]
    public void BadInputIsATerminatingErrorNamingTheValue(string args, string errorId, string expected)
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("New-ThanosPrometheusConfig " + args);
        var e = ps.InvokeForError();
        Assert.Equal(errorId + ",ThanosLab.Cmdlets.NewThanosPrometheusConfigCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains(expected, e.Exception.Message);
    }

    [Fact]
    public void BadDurationNamesTheValue()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("New-ThanosPrometheusConfig -ScrapeInterval '5 seconds'");
        var e = ps.InvokeForError();
        Assert.Contains("'5 seconds'", e.Exception.Message);
    }
}
