using ThanosLab.Engine;
using ThanosLab.Engine.Prometheus;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Prometheus;

/// <summary>The API client against a real Prometheus 2.42 serving a generated year.</summary>
[Collection(PrometheusYearCollection.Name)]
public class PrometheusApiClientTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly PrometheusYearFixture _year;

    public PrometheusApiClientTests(PrometheusYearFixture year) => _year = year;

    [SkippableFact]
    public async Task RangeQueryOverTheYearAtStep1hReturnsTheGeneratedSteps()
    {
        var prometheus = await _year.StartedAsync();
        var client = new PrometheusApiClient(prometheus.Endpoint);
        var (min, max) = _year.Range;
        // Whole hours around the year, so every series starts and ends inside the range.
        var start = min / 3_600_000 * 3_600_000;
        var end = (max / 3_600_000 + 1) * 3_600_000;

        var result = await client.QueryRangeAsync("{__name__=~\"continuous_app_metric.*\"}",
            DateTimeOffset.FromUnixTimeMilliseconds(start), DateTimeOffset.FromUnixTimeMilliseconds(end), Hour, null, default);

        Assert.Equal(QueryResultType.Matrix, result.ResultType);
        Assert.Empty(result.Warnings);
        Assert.Equal(_year.MetricNames.OrderBy(n => n, StringComparer.Ordinal), result.Series.Select(s => s.Labels.Single(l => l.Name == "__name__").Value));
        foreach (var series in result.Series)
        {
            var name = series.Labels.Single(l => l.Name == "__name__").Value;
            var expected = _year.ExpectedSteps(name, start, end, 3_600_000);
            // A year at 1 h is about 8,760 steps; the generator says exactly which have a sample within 5 m.
            Assert.InRange(expected.Count, 8700, 8800);
            Assert.Equal(expected.Count, series.Samples.Count);
            Assert.Equal(expected.Select(e => e.Time), series.Samples.Select(s => s.TimestampMs));
            Assert.Equal(expected.Select(e => BitConverter.DoubleToInt64Bits(e.Value)), series.Samples.Select(s => BitConverter.DoubleToInt64Bits(s.Value)));
        }
    }

    [SkippableFact]
    public async Task InstantValuesEqualTheGeneratedOnes()
    {
        var prometheus = await _year.StartedAsync();
        var client = new PrometheusApiClient(prometheus.Endpoint);
        foreach (var metric in _year.MetricNames)
        {
            // Every 50,000th generated sample: some in every block of the year.
            var picks = _year.Samples(metric).Where((_, i) => i % 50_000 == 0).ToList();
            Assert.True(picks.Count > 40);
            foreach (var (time, value) in picks)
            {
                var result = await client.QueryAsync(metric, DateTimeOffset.FromUnixTimeMilliseconds(time), null, default);
                Assert.Equal(QueryResultType.Vector, result.ResultType);
                var sample = Assert.Single(Assert.Single(result.Series).Samples);
                Assert.Equal(time, sample.TimestampMs);
                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(sample.Value));
            }
        }
    }

    [SkippableFact]
    public async Task ScalarStringAndSpecialValuesAreDecoded()
    {
        var prometheus = await _year.StartedAsync();
        var client = new PrometheusApiClient(prometheus.Endpoint);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

        var scalar = await client.QueryAsync("scalar(vector(42)) / 8", at, null, default);
        Assert.Equal(QueryResultType.Scalar, scalar.ResultType);
        Assert.Equal(new QuerySample(1_700_000_000_123, 5.25), scalar.Scalar);

        var text = await client.QueryAsync("\"thanos\"", at, null, default);
        Assert.Equal(QueryResultType.String, text.ResultType);
        Assert.Equal("thanos", text.StringValue);

        var special = await client.QueryAsync("label_replace(vector(+Inf), \"v\", \"pinf\", \"\", \"\") or label_replace(vector(-Inf), \"v\", \"ninf\", \"\", \"\") or label_replace(vector(NaN), \"v\", \"nan\", \"\", \"\")", at, null, default);
        var byLabel = special.Series.ToDictionary(s => s.Labels.Single(l => l.Name == "v").Value, s => s.Samples.Single().Value);
        Assert.Equal(double.PositiveInfinity, byLabel["pinf"]);
        Assert.Equal(double.NegativeInfinity, byLabel["ninf"]);
        Assert.True(double.IsNaN(byLabel["nan"]));
    }

    [SkippableFact]
    public async Task MalformedPromQLIsBadDataWithPrometheusMessage()
    {
        var prometheus = await _year.StartedAsync();
        var client = new PrometheusApiClient(prometheus.Endpoint);
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => client.QueryAsync("sum(rate(continuous_app_metric0[5m])", null, null, default));
        Assert.Equal("QueryBadData", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        // Prometheus' own parser message, passed through.
        Assert.Contains("bad_data", e.Message);
        Assert.Contains("unclosed left parenthesis", e.Message);
        Assert.Contains("sum(rate(continuous_app_metric0[5m])", e.Message);
    }

    [SkippableFact]
    public async Task TooManyPointsIsBadDataWithPrometheusMessage()
    {
        var prometheus = await _year.StartedAsync();
        var client = new PrometheusApiClient(prometheus.Endpoint);
        var end = DateTimeOffset.FromUnixTimeMilliseconds(_year.Range.MaxTime);
        var e = await Assert.ThrowsAsync<ThanosLabException>(() =>
            client.QueryRangeAsync("continuous_app_metric0", end.AddDays(-365), end, TimeSpan.FromMinutes(1), null, default));
        Assert.Equal("QueryBadData", e.ErrorId);
        Assert.Contains("11,000 points", e.Message);
    }

    [SkippableFact]
    public async Task StoresOnPrometheusIsAClearNotAQuerierError()
    {
        var prometheus = await _year.StartedAsync();
        var client = new PrometheusApiClient(prometheus.Endpoint);
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => client.GetStoresAsync(default));
        Assert.Equal("StoresApiNotFound", e.ErrorId);
        Assert.Contains("not a Thanos querier", e.Message);
        Assert.Contains(prometheus.Endpoint.ToString(), e.Message);
    }

    [SkippableFact]
    public async Task HealthChecksPassOnPrometheus()
    {
        var prometheus = await _year.StartedAsync();
        var checks = await EndpointHealthChecks.RunAsync(new PrometheusApiClient(prometheus.Endpoint), "Prometheus", default);
        Assert.Equal(new[] { "Metrics", "Ready", "Healthy" }, checks.Select(c => c.Name));
        Assert.All(checks, c => Assert.True(c.Passed, c.Message));
        Assert.All(checks, c => Assert.Equal(200, c.StatusCode));
        Assert.Contains("Ready", checks[1].Message);
    }

    [SkippableFact]
    public async Task OversizedAnswerIsRefusedNotBuffered()
    {
        var prometheus = await _year.StartedAsync();
        var client = new PrometheusApiClient(prometheus.Endpoint) { MaxResponseBytes = 10_000 };
        var (min, max) = _year.Range;
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => client.QueryRangeAsync("{__name__=~\"continuous_app_metric.*\"}",
            DateTimeOffset.FromUnixTimeMilliseconds(min), DateTimeOffset.FromUnixTimeMilliseconds(max), Hour, null, default));
        Assert.Equal("ResponseTooLarge", e.ErrorId);
    }

    [SkippableFact]
    public async Task CancellationStopsAQueryPromptly()
    {
        var prometheus = await _year.StartedAsync();
        var client = new PrometheusApiClient(prometheus.Endpoint);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.QueryAsync("up", null, null, cts.Token));
    }
}

/// <summary>Failures that need no server.</summary>
public class PrometheusApiClientFailureTests
{
    [Fact]
    public async Task UnreachableEndpointIsAConnectionErrorNamingIt()
    {
        var endpoint = new Uri($"http://127.0.0.1:{PrometheusProcess.FreeLoopbackPort()}/");
        var client = new PrometheusApiClient(endpoint, TimeSpan.FromSeconds(5));
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => client.QueryAsync("up", null, null, default));
        Assert.Equal("EndpointUnreachable", e.ErrorId);
        Assert.Equal(ErrorKind.ConnectionError, e.Kind);
        Assert.Contains(endpoint.ToString(), e.Message);
        Assert.Contains("refused", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DeadEndpointHealthChecksFailWithoutThrowing()
    {
        var endpoint = new Uri($"http://127.0.0.1:{PrometheusProcess.FreeLoopbackPort()}/");
        var checks = await EndpointHealthChecks.RunAsync(new PrometheusApiClient(endpoint, TimeSpan.FromSeconds(5)), null, default);
        Assert.Equal(3, checks.Count);
        Assert.All(checks, c => Assert.False(c.Passed));
        Assert.All(checks, c => Assert.Null(c.StatusCode));
        Assert.All(checks, c => Assert.Contains(endpoint.ToString(), c.Message));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:9090/")]
    [InlineData("file:///tmp/x")]
    public void NonHttpEndpointIsRefused(string uri)
    {
        var e = Assert.Throws<ThanosLabException>(() => new PrometheusApiClient(new Uri(uri)));
        Assert.Equal("InvalidEndpoint", e.ErrorId);
        Assert.Contains(uri, e.Message);
    }

    [Fact]
    public async Task BadRangeArgumentsAreRefusedBeforeSending()
    {
        var client = new PrometheusApiClient(new Uri("http://127.0.0.1:1/"));
        var now = DateTimeOffset.UtcNow;
        var step = await Assert.ThrowsAsync<ThanosLabException>(() => client.QueryRangeAsync("up", now, now, TimeSpan.Zero, null, default));
        Assert.Equal("InvalidStep", step.ErrorId);
        var range = await Assert.ThrowsAsync<ThanosLabException>(() => client.QueryRangeAsync("up", now, now.AddHours(-1), Hour, null, default));
        Assert.Equal("InvalidTimeRange", range.ErrorId);
        var resolution = await Assert.ThrowsAsync<ThanosLabException>(() => client.QueryAsync("up", null, new QueryOptions { MaxSourceResolution = "10m" }, default));
        Assert.Contains("'10m'", resolution.Message);
    }

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
}
