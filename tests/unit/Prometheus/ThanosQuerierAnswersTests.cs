using System.Text.Json;
using ThanosLab.Engine.Prometheus;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Prometheus;

/// <summary>
/// What only a Thanos querier answers: its store list, partial-response warnings and the querier
/// options of a query. Thanos cannot run here (no registry for its image, no Debian package), so these
/// use answers in Thanos v0.26's JSON shape (pkg/query EndpointStatus, the API envelope's warnings),
/// served from a loopback listener. Everything Prometheus also answers is tested on the real one.
/// </summary>
public class ThanosQuerierAnswersTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Prometheus", "Fixtures", name));

    [Fact]
    public void StoresAnswerIsDecoded()
    {
        using var doc = JsonDocument.Parse(Fixture("thanos-v0.26-stores.json"));
        var data = PrometheusApiJson.Data(doc, "querier", null, out var warnings);
        var stores = PrometheusApiJson.ReadStores(data, "querier");
        Assert.Empty(warnings);
        Assert.Equal(3, stores.Count);

        var sidecar = stores[0];
        Assert.Equal(("127.0.0.1:19190", "sidecar"), (sidecar.Name, sidecar.Type));
        Assert.Equal("cluster=eu1 replica=0 tenant=team-eu", string.Join(" ", Assert.Single(sidecar.LabelSets).Select(l => $"{l.Name}={l.Value}")));
        Assert.Equal(1700000000000, sidecar.MinTimeMs);
        Assert.Null(sidecar.MaxTimeMs); // math.MaxInt64: the sidecar serves up to "now"
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 22, 10, 5, TimeSpan.Zero).AddTicks(1234568), sidecar.LastCheck); // nanoseconds round to 100 ns ticks
        Assert.Null(sidecar.LastError);

        var gateway = stores[1];
        Assert.Equal(2, gateway.LabelSets.Count);
        Assert.Equal((1668297600000L, 1700006400000L), (gateway.MinTimeMs!.Value, gateway.MaxTimeMs!.Value));

        var down = stores[2];
        Assert.Null(down.MinTimeMs);
        Assert.Empty(down.LabelSets);
        Assert.Contains("connection refused", down.LastError);
    }

    [Fact]
    public void GetThanosStoreEmitsOneObjectPerStore()
    {
        using var querier = RecordedAnswerServer.FromFixture("thanos-v0.26-stores.json");
        using var ps = PowerShellSession.Create();
        ps.AddScript($"[ThanosLab.ThanosComponent]@{{ Name = 'querier'; Kind = 'Querier'; HttpEndpoint = '{querier.Endpoint}' }} | Get-ThanosStore");
        var stores = ps.Invoke<ThanosStore>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(new[] { "127.0.0.1:19190", "127.0.0.1:19191", "127.0.0.1:19192" }, stores.Select(s => s.Name));
        Assert.Equal("eu1", stores[0].Labels[0]["cluster"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1668297600000), stores[1].MinTime);
        Assert.Null(stores[2].MinTime);
        Assert.NotNull(stores[2].LastError);
        Assert.Equal(querier.Endpoint, stores[0].Querier);
        Assert.Equal(("GET", "/api/v1/stores"), (querier.Requests[0].Method, querier.Requests[0].Path));
    }

    [Fact]
    public void QuerierOptionsArePostedAndWarningsBecomePowerShellWarnings()
    {
        using var querier = RecordedAnswerServer.FromFixture("thanos-partial-response.json");
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Invoke-ThanosQuery continuous_app_metric0 -Endpoint '{querier.Endpoint}' -Time ([DateTimeOffset]::FromUnixTimeMilliseconds(1700000000500)) " +
            "-Deduplicate:$false -PartialResponse -MaxSourceResolution 5m -StoreMatch '{__address__=~\"127.0.0.1:1919.\"}', 127.0.0.1:19191");
        var series = ps.Invoke<ThanosQuerySeries>();
        Assert.Empty(ps.Streams.Error);
        var (method, path, body) = Assert.Single(querier.Requests);
        Assert.Equal(("POST", "/api/v1/query"), (method, path));
        Assert.Equal("query=continuous_app_metric0&time=1700000000.5&dedup=false&partial_response=true&max_source_resolution=5m&storeMatch[]={__address__=~\"127.0.0.1:1919.\"}&storeMatch[]={__address__=\"127.0.0.1:19191\"}", body);
        var warning = Assert.Single(ps.Streams.Warning);
        Assert.StartsWith(querier.Endpoint.ToString(), warning.Message);
        Assert.Contains("127.0.0.1:19192", warning.Message);
        Assert.True(double.IsNaN(series[0].Samples[0].Value));
        Assert.Equal(double.NegativeInfinity, series[1].Samples[0].Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000500), series[0].Samples[0].Timestamp);
    }

    [Theory]
    [InlineData("a b:1")]
    [InlineData("x=\"y\"")]
    public void StoreMatchThatIsNeitherAddressNorSelectorIsRefused(string value)
    {
        var e = Assert.Throws<Engine.ThanosLabException>(() => QueryOptions.StoreMatcher(value));
        Assert.Equal("InvalidStoreMatch", e.ErrorId);
        Assert.Contains($"'{value}'", e.Message);
    }

    [Fact]
    public void AnswerThatIsNotTheApiIsMalformedNamingTheEndpoint()
    {
        using var server = new RecordedAnswerServer("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,2]}]}}");
        var client = new PrometheusApiClient(server.Endpoint);
        var e = Assert.Throws<Engine.ThanosLabException>(() => client.QueryAsync("up", null, null, default).GetAwaiter().GetResult());
        Assert.Equal("MalformedApiResponse", e.ErrorId);
        Assert.Contains(server.Endpoint.ToString(), e.Message);
    }
}
