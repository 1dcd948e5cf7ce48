using System.Management.Automation;
using ThanosLab.Tests.Infrastructure;
using ThanosLab.Tests.Prometheus;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>Invoke-ThanosQuery, Get-ThanosStore and Test-ThanosEndpoint in-process against a real Prometheus 2.42.</summary>
[Collection(PrometheusYearCollection.Name)]
public class QueryCmdletsTests
{
    private readonly PrometheusYearFixture _year;

    public QueryCmdletsTests(PrometheusYearFixture year) => _year = year;

    private static PowerShell Session(PrometheusProcess prometheus)
    {
        var ps = PowerShellSession.Create();
        ps.Runspace.SessionStateProxy.SetVariable("prom", new ThanosComponent
        {
            Name = "prometheus-0-eu1", Kind = "Prometheus", Runtime = "Process", HttpEndpoint = prometheus.Endpoint, State = "Running",
        });
        return ps;
    }

    [SkippableFact]
    public async Task RangeQueryFromAComponentInThePipelineGivesOneObjectPerSeries()
    {
        var prometheus = await _year.StartedAsync();
        using var ps = Session(prometheus);
        var (min, max) = _year.Range;
        ps.AddScript($"$prom | Invoke-ThanosQuery '{{__name__=~\"continuous_app_metric.*\"}}' -Start ([DateTimeOffset]::FromUnixTimeMilliseconds({min})) -End ([DateTimeOffset]::FromUnixTimeMilliseconds({max})) -Step '1h'");
        var series = ps.Invoke<ThanosQuerySeries>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(5, series.Count);
        Assert.Equal(_year.MetricNames.OrderBy(n => n, StringComparer.Ordinal), series.Select(s => s.Name));
        var first = series[0];
        Assert.Equal("matrix", first.ResultType);
        Assert.Equal(prometheus.Endpoint, first.Endpoint);
        Assert.Equal("1", first.Labels["__blockgen_target__"]);
        Assert.Equal("continuous_app_metric0{__blockgen_target__=\"1\"}", first.Series);
        var expected = _year.ExpectedSteps("continuous_app_metric0", min, max, 3_600_000);
        Assert.Equal(expected.Count, first.Samples.Length);
        Assert.Equal(expected.Select(e => DateTimeOffset.FromUnixTimeMilliseconds(e.Time)), first.Samples.Select(s => s.Timestamp));
        Assert.Equal(expected.Select(e => e.Value), first.Samples.Select(s => s.Value));
    }

    [SkippableFact]
    public async Task InstantQueryAtATimeReturnsTheGeneratedValue()
    {
        var prometheus = await _year.StartedAsync();
        var (time, value) = _year.Samples("continuous_app_metric3").Skip(123_456).First();
        using var ps = Session(prometheus);
        ps.AddScript($"Invoke-ThanosQuery continuous_app_metric3 -Endpoint '{prometheus.Endpoint.Authority}' -Time ([DateTimeOffset]::FromUnixTimeMilliseconds({time}))");
        var s = Assert.Single(ps.Invoke<ThanosQuerySeries>());
        Assert.Equal("vector", s.ResultType);
        var sample = Assert.Single(s.Samples);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(time), sample.Timestamp);
        Assert.Equal(value, sample.Value);
    }

    [SkippableFact]
    public async Task ScalarAndStringResultsAreObjectsToo()
    {
        var prometheus = await _year.StartedAsync();
        using var ps = Session(prometheus);
        ps.AddScript("$prom | Invoke-ThanosQuery 'scalar(vector(1)) / 0'; $prom | Invoke-ThanosQuery '\"hello\"'");
        var output = ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        var scalar = Assert.IsType<ThanosQuerySeries>(output[0].BaseObject);
        Assert.Equal("scalar", scalar.ResultType);
        Assert.Equal(double.PositiveInfinity, Assert.Single(scalar.Samples).Value);
        Assert.Empty(scalar.Labels);
        Assert.Equal("hello", Assert.IsType<ThanosQueryString>(output[1].BaseObject).Value);
    }

    [SkippableFact]
    public async Task MalformedPromQLIsAnErrorRecordWithPrometheusMessage()
    {
        var prometheus = await _year.StartedAsync();
        using var ps = Session(prometheus);
        ps.AddScript("$prom | Invoke-ThanosQuery 'rate(continuous_app_metric0)'");
        var e = ps.InvokeForError();
        Assert.Equal("QueryBadData,ThanosLab.Cmdlets.InvokeThanosQueryCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Equal("rate(continuous_app_metric0)", e.TargetObject);
        Assert.Contains("expected type range vector", e.Exception.Message);
        Assert.NotNull(e.ErrorDetails?.RecommendedAction);
    }

    [SkippableFact]
    public async Task GetThanosStoreOnPrometheusSaysItIsNotAQuerier()
    {
        var prometheus = await _year.StartedAsync();
        using var ps = Session(prometheus);
        ps.AddScript("$prom | Get-ThanosStore");
        var e = ps.InvokeForError();
        Assert.Equal("StoresApiNotFound,ThanosLab.Cmdlets.GetThanosStoreCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        Assert.Contains("not a Thanos querier", e.Exception.Message);
    }

    [SkippableFact]
    public async Task TestThanosEndpointOnTheLiveAndADeadPort()
    {
        var prometheus = await _year.StartedAsync();
        var dead = PrometheusProcess.FreeLoopbackPort();
        using var ps = Session(prometheus);
        ps.AddScript($"$prom | Test-ThanosEndpoint; Test-ThanosEndpoint -Endpoint '127.0.0.1:{dead}' -TimeoutSec 5");
        var results = ps.Invoke<ThanosEndpointTest>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(2, results.Count);
        var live = results[0];
        Assert.Equal("prometheus-0-eu1", live.Name);
        Assert.True(live.Passed);
        Assert.True(live.Metrics && live.Ready && live.Healthy);
        Assert.All(live.Checks, c => Assert.Equal(200, c.StatusCode));
        var down = results[1];
        Assert.Equal($"127.0.0.1:{dead}", down.Name);
        Assert.False(down.Passed);
        Assert.All(down.Checks, c => Assert.False(c.Passed));
        Assert.All(down.Checks, c => Assert.Contains("refused", c.Message, StringComparison.OrdinalIgnoreCase));

        using var quiet = Session(prometheus);
        quiet.AddScript($"($prom | Test-ThanosEndpoint -Quiet), (Test-ThanosEndpoint -Endpoint $prom, '127.0.0.1:{dead}' -Quiet -TimeoutSec 5)");
        Assert.Equal(new[] { true, false }, quiet.Invoke<bool>());
    }
}

/// <summary>Failures of the query cmdlets that need no server.</summary>
public class QueryCmdletsFailureTests
{
    [Fact]
    public void UnreachableEndpointIsAConnectionErrorNamingIt()
    {
        var port = PrometheusProcess.FreeLoopbackPort();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Invoke-ThanosQuery up -Endpoint http://127.0.0.1:{port}/ -TimeoutSec 5");
        var e = ps.InvokeForError();
        Assert.Equal("EndpointUnreachable,ThanosLab.Cmdlets.InvokeThanosQueryCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, e.CategoryInfo.Category);
        Assert.Contains($"127.0.0.1:{port}", e.Exception.Message);
        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), e.TargetObject);
        Assert.NotNull(e.ErrorDetails?.RecommendedAction);
    }

    [Theory]
    [InlineData("Invoke-ThanosQuery up -Endpoint 'ftp://x:1/'", "'ftp://x:1/'")]
    [InlineData("Invoke-ThanosQuery up -Endpoint 127.0.0.1:9090 -Start ([DateTimeOffset]::UtcNow) -Step 'an hour'", "'an hour'")]
    [InlineData("Invoke-ThanosQuery up -Endpoint 127.0.0.1:9090 -MaxSourceResolution 10m", "10m")]
    public void BadArgumentsNameTheValue(string script, string expected)
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript(script);
        var e = ps.InvokeForError();
        Assert.Contains(expected, e.Exception.Message);
    }

    [Fact]
    public void QuietIsFalseWhenAnEndpointCannotBeTried()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("Test-ThanosEndpoint -Endpoint 'ftp://127.0.0.1:1/' -Quiet");
        Assert.Equal(new[] { false }, ps.Invoke<bool>());
        Assert.Equal("InvalidEndpoint,ThanosLab.Cmdlets.TestThanosEndpointCommand", Assert.Single(ps.Streams.Error).FullyQualifiedErrorId);
    }

    [Fact]
    public void AComponentWithoutEndpointIsRefusedByName()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("[ThanosLab.ThanosComponent]@{ Name = 'compactor-x' } | Test-ThanosEndpoint");
        var e = ps.InvokeForError();
        Assert.Contains("'compactor-x' has no HTTP endpoint", e.Exception.Message);
    }
}

/// <summary>
/// A server that accepts connections and never answers: the slow querier that Ctrl+C and -TimeoutSec
/// exist for. No real component can be made to hang on demand, hence this listener.
/// </summary>
public sealed class SilentServerTests : IDisposable
{
    private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
    private readonly List<System.Net.Sockets.TcpClient> _held = new();

    public SilentServerTests()
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var c = await _listener.AcceptTcpClientAsync();
                    lock (_held) _held.Add(c);
                }
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException)
            {
            }
        });
    }

    private string Endpoint => $"127.0.0.1:{((System.Net.IPEndPoint)_listener.LocalEndpoint).Port}";

    [Fact]
    public void StopEndsAHangingQueryPromptly()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Invoke-ThanosQuery up -Endpoint {Endpoint} -TimeoutSec 120");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var run = ps.BeginInvoke();
        Thread.Sleep(500);
        Assert.False(run.IsCompleted);
        ps.Stop();
        // Far below the 120 s request timeout; generous because the test machine may be loaded.
        Assert.True(run.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(15)), "the query did not stop within 15 s of Stop()");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }

    [Fact]
    public void TimeoutSecEndsAHangingQueryWithATimeoutError()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Invoke-ThanosQuery up -Endpoint {Endpoint} -TimeoutSec 1");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = ps.InvokeForError();
        Assert.Equal("EndpointTimeout,ThanosLab.Cmdlets.InvokeThanosQueryCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, e.CategoryInfo.Category);
        Assert.Contains(Endpoint, e.Exception.Message);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.9, 30);
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_held) _held.ForEach(c => c.Dispose());
    }
}
