using System.Diagnostics;
using System.Text.Json;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Generation;

/// <summary>The year of continuous-365d-tiny data, written once for the tests of this class.</summary>
public sealed class Continuous365dTinyFixture : IDisposable
{
    public Continuous365dTinyFixture()
    {
        var labels = LabelSet.Create(new[] { new Label("cluster", "one") });
        Plan = BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-365d-tiny"), labels, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Blocks = Plan.Select(spec => BlockGenerator.Generate(spec, Directory.Path)).ToArray();
    }

    /// <summary>The block specs the blocks were generated from, newest first.</summary>
    public IReadOnlyList<BlockSpec> Plan { get; }

    public TempDirectory Directory { get; } = new("thanoslab-year-");

    public IReadOnlyList<GeneratedBlock> Blocks { get; }

    public void Dispose() => Directory.Dispose();
}

/// <summary>Generated blocks read by the real Prometheus 2.42 tools (Debian's promtool and prometheus).</summary>
public class GeneratedBlocksIntegrationTests : IClassFixture<Continuous365dTinyFixture>
{
    private readonly Continuous365dTinyFixture _year;

    public GeneratedBlocksIntegrationTests(Continuous365dTinyFixture year) => _year = year;

    [Fact]
    public void TheYearHasFormatsSection18Totals()
    {
        Assert.Equal(13, _year.Blocks.Count);
        Assert.Equal(10_509_600UL, (ulong)_year.Blocks.Sum(b => (long)b.Meta.Stats.NumSamples));
        Assert.Equal(89_875UL, (ulong)_year.Blocks.Sum(b => (long)b.Meta.Stats.NumChunks));
        Assert.Equal(new[] { 1704067215001, 1704060015002, 1704052815003, 1704024015004 }, _year.Blocks.Take(4).Select(b => b.Meta.MinTime));
        Assert.Equal(1678334400014, _year.Blocks[^1].Meta.MaxTime);
    }

    [Fact]
    public void VerifierFindsEveryBlockHealthyAndCountsEverySample()
    {
        var results = _year.Blocks.Select(b => BlockVerifier.Verify(b.Path)).ToArray();
        Assert.All(results, r => Assert.True(r.IsHealthy, string.Join("\n", r.Issues)));
        Assert.Equal(10_509_600, results.Sum(r => r.SamplesChecked));
        Assert.Equal(89_875, results.Sum(r => r.ChunksChecked));
    }

    [SkippableFact]
    public void PromtoolListsEveryBlock()
    {
        var promtool = Requires.Tool("promtool", "apt-get install prometheus");
        var (code, output) = Run(promtool, "tsdb", "list", _year.Directory.Path);
        Assert.True(code == 0, output);
        Assert.All(_year.Blocks, b => Assert.Contains(b.Meta.Ulid.ToString(), output));
        Assert.Contains("2400", output);
        Assert.Contains("1929600", output);
    }

    [SkippableFact]
    public void PromtoolAnalyzesEveryBlock()
    {
        var promtool = Requires.Tool("promtool", "apt-get install prometheus");
        foreach (var block in _year.Blocks)
        {
            var (code, output) = Run(promtool, "tsdb", "analyze", _year.Directory.Path, block.Meta.Ulid.ToString());
            Assert.True(code == 0, output);
            Assert.True(output.Contains("Series: 5"), output);
            Assert.Contains("continuous_app_metric0", output);
        }
    }

    [SkippableFact]
    public async Task PrometheusServesTheYearWithThanosbenchValues()
    {
        using var prometheus = await PrometheusProcess.StartAsync(_year.Blocks.Select(b => b.Path));
        using var http = new HttpClient { BaseAddress = prometheus.Endpoint, Timeout = TimeSpan.FromSeconds(30) };
        // The data ends in 2023: query just after the newest block, not at "now".
        var after = (_year.Blocks[0].Meta.MaxTime / 1000.0 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var count = await Query(http, "count_over_time(continuous_app_metric0[400d])", after);
        Assert.Equal("2101920", count);

        // formats.md §17.3: first value, and the value after the first change interval (sample 241).
        // cluster="one" is in the seed but, as an external label, lives only in meta.json, not in the series.
        var blockZero = _year.Blocks[0].Meta.MinTime;
        var first = await Query(http, "continuous_app_metric0", Seconds(blockZero));
        Assert.Equal(0x41a42500f3657920UL, BitConverter.DoubleToUInt64Bits(double.Parse(first, System.Globalization.CultureInfo.InvariantCulture)));
        var changed = await Query(http, "continuous_app_metric0", Seconds(blockZero + 240 * 15000));
        Assert.Equal(0x41a49e1c35f147a3UL, BitConverter.DoubleToUInt64Bits(double.Parse(changed, System.Globalization.CultureInfo.InvariantCulture)));
        var metric4 = await Query(http, "continuous_app_metric4", Seconds(_year.Blocks[12].Meta.MinTime));
        Assert.Equal(0x41a55f5810751bb3UL, BitConverter.DoubleToUInt64Bits(double.Parse(metric4, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [SkippableFact]
    public async Task PrometheusServesABlockOfAHundredThousandSeries()
    {
        // Five samples a series keep the block small; the index is what a hundred thousand series test.
        using var dir = new TempDirectory();
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var labels = LabelSet.Create(new[] { new Label("__name__", "scale_metric"), new Label("job", "scale") });
        var series = new SeriesSpec(labels, 100_000, SeriesType.Gauge, start, start + 60_000, SeriesCharacteristics.ProfileDefault);
        var block = BlockGenerator.Generate(new BlockSpec(start, start + 60_000, One, new[] { series }), dir.Path);
        Assert.Equal(new BlockStats(500_000, 100_000, 100_000), block.Meta.Stats);

        using var prometheus = await PrometheusProcess.StartAsync(new[] { block.Path });
        using var http = new HttpClient { BaseAddress = prometheus.Endpoint, Timeout = TimeSpan.FromSeconds(60) };
        var last = Seconds(block.Meta.MaxTime - 1);
        Assert.Equal("100000", await Query(http, "count({__name__=~\".+\"})", last));
        Assert.Equal("100000", await Query(http, "count(count by (__blockgen_target__) (scale_metric))", last));
        foreach (var target in new[] { "1", "77777", "100000" })
        {
            var value = await Query(http, $"scale_metric{{__blockgen_target__=\"{target}\"}}", Seconds(start + 15_000));
            Assert.Equal(FirstValue(series, target), double.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [SkippableFact]
    public async Task ABlockAcrossSeveralChunkSegmentsIsReadByPrometheusAndPromtool()
    {
        using var dir = new TempDirectory();
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var labels = LabelSet.Create(new[] { new Label("__name__", "segment_metric") });
        var series = new SeriesSpec(labels, 500, SeriesType.Random, start, start + 7_200_000 - 1, SeriesCharacteristics.ProfileDefault);
        var block = BlockGenerator.Generate(new BlockSpec(series.MinTime, series.MaxTime, One, new[] { series }), dir.Path, segmentSize: 256 * 1024);
        var segments = Directory.GetFiles(Path.Combine(block.Path, "chunks"));
        Assert.True(segments.Length >= 5, $"{segments.Length} segment files");
        Assert.All(segments, f => Assert.True(new FileInfo(f).Length <= 256 * 1024, f));
        var verified = BlockVerifier.Verify(block.Path);
        Assert.True(verified.IsHealthy, string.Join("\n", verified.Issues));

        var promtool = Requires.Tool("promtool", "apt-get install prometheus");
        var (code, output) = Run(promtool, "tsdb", "analyze", "--extended", dir.Path, block.Meta.Ulid.ToString());
        Assert.True(code == 0, output);
        Assert.True(output.Contains("Series: 500") && output.Contains("Compaction analysis"), output);

        using var prometheus = await PrometheusProcess.StartAsync(new[] { block.Path });
        using var http = new HttpClient { BaseAddress = prometheus.Endpoint, Timeout = TimeSpan.FromSeconds(60) };
        var last = Seconds(block.Meta.MaxTime - 1);
        Assert.Equal(block.Meta.Stats.NumSamples.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await Query(http, "sum(count_over_time(segment_metric[3h]))", last));
        // Targets sort as strings, so target 99 is written last, into the last segment.
        var value = await Query(http, "segment_metric{__blockgen_target__=\"99\"}", Seconds(start + 15_000));
        Assert.Equal(FirstValue(series, "99"), double.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static double FirstValue(SeriesSpec series, string target)
    {
        var generator = SampleGenerator.Create(series.Type, new GoRandom(SeriesSeed.Seed(target, series.Labels, One)), series.MinTime, series.MaxTime, series.Characteristics);
        Assert.True(generator.Next());
        return generator.Value;
    }

    private static readonly LabelSet One = LabelSet.Create(new[] { new Label("cluster", "one") });

    private static string Seconds(long ms) => (ms / 1000.0).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);

    // Returns the value of the single result of an instant query.
    private static async Task<string> Query(HttpClient http, string promql, string time)
    {
        var body = await http.GetStringAsync($"api/v1/query?query={Uri.EscapeDataString(promql)}&time={time}");
        using var doc = JsonDocument.Parse(body);
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        Assert.True(result.GetArrayLength() == 1, body);
        return result[0].GetProperty("value")[1].GetString()!;
    }

    private static (int Code, string Output) Run(string tool, params string[] args) => ToolProcess.Run(tool, args);
}
