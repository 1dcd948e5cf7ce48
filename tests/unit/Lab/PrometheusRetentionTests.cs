using System.Globalization;
using ThanosLab.Engine.Lab;
using ThanosLab.Tests.Infrastructure;
using Xunit;
using static ThanosLab.Tests.Lab.LabTestSupport;

namespace ThanosLab.Tests.Lab;

/// <summary>
/// Start-ThanosPrometheus never lets Prometheus' retention delete the blocks it was pointed at:
/// a month of generated data (continuous-30d-tiny, 9 blocks, ending 2024-01-01) through a real
/// Prometheus 2.42, whose default 15 d retention deleted 3 of the 9 at start-up.
/// </summary>
public sealed class PrometheusRetentionTests : IDisposable
{
    /// <summary>Samples of continuous_app_metric0 over the month: 30 d at 15 s.</summary>
    private const long MonthSamples = 172_800;

    private readonly TempDirectory _dir = new("thanoslab-retention-");
    private readonly string _data;

    public PrometheusRetentionTests()
    {
        _data = _dir.Combine("prom-eu1");
        var (blocks, ps) = Run("New-ThanosBlockData -Profile continuous-30d-tiny -Label @{cluster='eu1'} -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $data",
            ("data", _data));
        using (ps) Assert.Equal(9, blocks.Count);
    }

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public async Task WithoutRetentionTimeEveryGeneratedBlockStaysAndTheMonthIsCounted()
    {
        Requires.Tool("prometheus", "apt-get install prometheus");
        var state = _dir.Combine("state");
        var name = UniqueName("prom");
        var vars = new (string, object?)[] { ("data", _data), ("name", name), ("port", FreePort()), ("state", state) };
        var (output, ps) = Run("Start-ThanosPrometheus -Runtime Process -DataPath $data -Name $name -HttpPort $port -StatePath $state -Verbose", vars);
        try
        {
            ThanosComponent prom;
            string verbose;
            using (ps)
            {
                Assert.True(ps.Streams.Error.Count == 0, string.Join("; ", ps.Streams.Error));
                prom = Assert.IsType<ThanosComponent>(Assert.Single(output).BaseObject);
                verbose = string.Join("\n", ps.Streams.Verbose.Select(v => v.Message));
            }
            Assert.Equal(MonthSamples, await CountSamplesAsync(prom.HttpEndpoint!, "40d"));
            // Prometheus applies retention when it opens the blocks, before it is ready.
            Assert.Equal(9, Directory.GetDirectories(_data).Count(d => File.Exists(Path.Combine(d, "meta.json"))));
            // 2023-12-02 to now plus a year of headroom, in whole years.
            Assert.Matches(@"--storage\.tsdb\.retention\.time=\d+d, which keeps all 9 block\(s\)", verbose);
            var pid = int.Parse(prom.Id, CultureInfo.InvariantCulture);
            var flag = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0').Single(a => a.StartsWith("--storage.tsdb.retention.time=", StringComparison.Ordinal));
            Assert.True(int.Parse(flag.Split('=')[1].TrimEnd('d'), CultureInfo.InvariantCulture) >= 1000, flag);
        }
        finally
        {
            var (_, stop) = Run("Stop-ThanosComponent -Name $name -Runtime Process -StatePath $state", vars);
            stop.Dispose();
        }
    }

    [Fact]
    public void ARetentionThatWouldDeleteBlocksIsRefusedWhenNoOneCanBeAskedNamingTheBlocks()
    {
        var state = _dir.Combine("state");
        var (_, ps) = Run("Start-ThanosPrometheus -Runtime Process -DataPath $data -Name prom-15d -HttpPort $port -StatePath $state -RetentionTime '15d'",
            ("data", _data), ("port", FreePort()), ("state", state));
        using (ps)
        {
            var error = SingleError(ps);
            Assert.StartsWith("ConfirmationRequired,", error.FullyQualifiedErrorId);
            Assert.Contains("deletes 9 of the 9 blocks", error.Exception.Message);
            foreach (var block in Directory.GetDirectories(_data))
            {
                Assert.Contains(Path.GetFileName(block), error.Exception.Message);
            }
            Assert.Contains("-Force", error.ErrorDetails.RecommendedAction);
        }
        Assert.False(File.Exists(Path.Combine(state, "prom-15d.pid")));
        Assert.Equal(9, Directory.GetDirectories(_data).Length);
    }

    [Fact]
    public void TheDeletionRuleIsPrometheusOwn()
    {
        var blocks = PrometheusRetention.Blocks(_data);
        var end = DateTimeOffset.Parse("2024-01-01T02:00:00Z", CultureInfo.InvariantCulture);
        // Right after the data ends, 15 d keeps the blocks ending within 15 d of the newest one.
        var deleted = PrometheusRetention.Deleted(blocks, TimeSpan.FromDays(15), end);
        Assert.Equal(blocks.Where(b => blocks.Max(x => x.MaxTime) - b.MaxTime > TimeSpan.FromDays(15).TotalMilliseconds).Select(b => b.Id).Order(),
            deleted.Select(b => b.Id).Order());
        Assert.NotEmpty(deleted);
        Assert.Equal(deleted.Count, PrometheusRetention.Deleted(blocks, TimeSpan.Zero, end).Count);
        // Years later the newest data is "now": even the tutorial's 1000d deletes a month of 2023.
        Assert.Equal(9, PrometheusRetention.Deleted(blocks, PrometheusRetention.Tutorial, end.AddDays(1100)).Count);
        var covering = PrometheusRetention.Covering(blocks, end.AddDays(1100));
        Assert.Empty(PrometheusRetention.Deleted(blocks, covering, end.AddDays(1100)));
        Assert.Equal(PrometheusRetention.Tutorial, PrometheusRetention.Covering(blocks, end));
    }
}
