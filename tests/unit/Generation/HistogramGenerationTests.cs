using ThanosLab.Engine;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb.Histograms;
using ThanosLab.Engine.Tsdb.Labels;
using Xunit;

namespace ThanosLab.Tests.Generation;

/// <summary>
/// The native-histogram series types (ThanosLab's extension of thanosbench's): a deterministic
/// latency histogram seeded from the labels, its parameters in plans and overrides, and bad input.
/// </summary>
public class HistogramGenerationTests
{
    private static readonly DateTimeOffset NewYear2024 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly LabelSet Labels = LabelSet.Create(new[] { new Label("__name__", "request_duration_seconds") });

    private static List<(long T, NativeHistogram H)> Generate(SeriesType type, HistogramShape shape, long hours = 48)
    {
        var gen = SampleGenerator.Create(type, new GoRandom(SeriesSeed.Seed("1", Labels, LabelSet.Empty)), 0, hours * 3_600_000,
            SeriesCharacteristics.ProfileDefault, shape);
        var samples = new List<(long, NativeHistogram)>();
        while (gen.Next())
        {
            var h = ((LatencyHistogramGenerator)gen).Histogram;
            Assert.Equal(h.Count, gen.Value);
            samples.Add((gen.Time, h));
        }
        return samples;
    }

    [Fact]
    public void ACounterHistogramGrowsInWholeNumbersAndResetsNowAndThen()
    {
        var samples = Generate(SeriesType.Histogram, HistogramShape.Default);
        Assert.Equal(48 * 240 + 1, samples.Count);
        Assert.Equal(15_000, samples[0].T);
        var resets = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            var h = samples[i].H;
            Assert.Equal(3, h.Schema);
            Assert.Equal(NativeHistogram.DefaultZeroThreshold, h.ZeroThreshold);
            Assert.All(h.PositiveBuckets.Append(h.Count).Append(h.ZeroCount), c => Assert.True(c >= 0 && c == Math.Floor(c)));
            Assert.Equal(h.ZeroCount + h.PositiveBuckets.Sum(), h.Count);
            Assert.Equal(BucketLayout.Count(h.PositiveSpans), h.PositiveBuckets.Length);
            Assert.Empty(h.NegativeBuckets);
            if (i > 0 && h.Count < samples[i - 1].H.Count)
            {
                resets++;
            }
            else if (i > 0)
            {
                // Without a reset no bucket goes down, and none disappears.
                var before = BucketLayout.Indices(samples[i - 1].H.PositiveSpans).Zip(samples[i - 1].H.PositiveBuckets).ToDictionary(p => p.First, p => p.Second);
                var after = BucketLayout.Indices(h.PositiveSpans).Zip(h.PositiveBuckets).ToDictionary(p => p.First, p => p.Second);
                Assert.All(before, b => Assert.True(after[b.Key] >= b.Value));
                Assert.True(h.Sum >= samples[i - 1].H.Sum);
            }
        }
        // A restart every 20 to 28 hours: two days hold one or two.
        Assert.InRange(resets, 1, 2);
    }

    [Fact]
    public void TheSameLabelsGiveTheSameHistograms()
    {
        var a = Generate(SeriesType.FloatHistogram, HistogramShape.Default, 4);
        var b = Generate(SeriesType.FloatHistogram, HistogramShape.Default, 4);
        Assert.Equal(a.Select(s => (s.T, s.H.Count, s.H.Sum, string.Join(",", s.H.PositiveBuckets))), b.Select(s => (s.T, s.H.Count, s.H.Sum, string.Join(",", s.H.PositiveBuckets))));
        // A gauge histogram is per second over the last interval: counts are not whole, and they go down as well as up.
        Assert.Contains(a, s => s.H.Count != Math.Floor(s.H.Count));
        Assert.Contains(a.Skip(1), s => s.H.Count < a[a.IndexOf(s) - 1].H.Count);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(3, 40)]
    [InlineData(8, 160)]
    [InlineData(-4, 1)]
    public void SchemaAndBucketCountShapeTheHistogram(int schema, int buckets)
    {
        var samples = Generate(SeriesType.FloatHistogram, HistogramShape.Default with { Schema = schema, Buckets = buckets }, 2);
        Assert.All(samples, s => Assert.Equal(schema, s.H.Schema));
        var typical = samples.Select(s => s.H.PositiveBuckets.Length).Order().ElementAt(samples.Count / 2);
        // Populated buckets: about the given count, fewer where a scrape has too few requests to fill the tails.
        Assert.InRange(typical, 1, buckets * 2 + 1);
        if (buckets >= 10)
        {
            Assert.True(typical >= buckets / 4, $"{typical} buckets for {buckets}");
        }
    }

    [Fact]
    public void PlansCarryTheHistogramShapeAndReadItBack()
    {
        var overrides = new PlanOverrides { SeriesType = SeriesType.Histogram, HistogramSchema = 5, HistogramBuckets = 12 };
        var plan = BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-30d-tiny"), LabelSet.Empty, NewYear2024, overrides);
        Assert.All(plan.SelectMany(b => b.Series), s => Assert.Equal(new HistogramShape(5, 12, NativeHistogram.DefaultZeroThreshold), s.Histogram));
        var yaml = BlockPlanYaml.ToYaml(plan);
        Assert.Contains("  type: HISTOGRAM\n", yaml);
        Assert.Contains("  histogram:\n    schema: 5\n    buckets: 12\n    zeroThreshold: 2.938735877055719e-39\n", yaml);
        var back = BlockPlanYaml.Read(new StringReader(yaml), "x");
        Assert.Equal(plan.SelectMany(b => b.Series), back.SelectMany(b => b.Series));

        // A histogram type without the key takes the defaults; the float types write no histogram key.
        var bare = BlockPlanYaml.Read(new StringReader(yaml.Replace("  histogram:\n    schema: 5\n    buckets: 12\n    zeroThreshold: 2.938735877055719e-39\n", "")), "x");
        Assert.All(bare.SelectMany(b => b.Series), s => Assert.Equal(HistogramShape.Default, s.Histogram));
        Assert.DoesNotContain("histogram:", BlockPlanYaml.ToYaml(BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-30d-tiny"), LabelSet.Empty, NewYear2024)));
    }

    [Theory]
    [InlineData("schema: 5", "schema: 9", "InvalidBlockPlan", "schema 9")]
    [InlineData("schema: 5", "schema: -5", "InvalidBlockPlan", "schema -5")]
    [InlineData("buckets: 12", "buckets: -3", "InvalidBlockPlan", "bucket count -3")]
    [InlineData("buckets: 12", "buckets: 5000000000", "InvalidBlockPlan", "buckets 5000000000")]
    [InlineData("zeroThreshold: 2.938735877055719e-39", "zeroThreshold: -0.5", "InvalidBlockPlan", "zero threshold -0.5")]
    [InlineData("type: HISTOGRAM", "type: GAUGE", "InvalidBlockPlan", "GAUGE has no histogram shape")]
    [InlineData("schema: 5", "scheme: 5", "InvalidBlockPlan", "scheme")]
    public void BadHistogramShapesInAPlanNameTheValue(string from, string to, string errorId, string named)
    {
        var overrides = new PlanOverrides { SeriesType = SeriesType.Histogram, HistogramSchema = 5, HistogramBuckets = 12 };
        var yaml = BlockPlanYaml.ToYaml(BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-30d-tiny"), LabelSet.Empty, NewYear2024, overrides).Take(1));
        var e = Assert.Throws<ThanosLabException>(() => BlockPlanYaml.Read(new StringReader(yaml.Replace(from, to)), "'plan.yaml'"));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains(named, e.Message);
        Assert.Contains("'plan.yaml'", e.Message);
    }

    [Theory]
    [InlineData(SeriesType.Histogram, 9, null, null, "InvalidHistogramSchema", "schema 9")]
    [InlineData(SeriesType.FloatHistogram, -5, null, null, "InvalidHistogramSchema", "schema -5")]
    [InlineData(SeriesType.Histogram, null, 0, null, "InvalidHistogramBucketCount", "bucket count 0")]
    [InlineData(SeriesType.Histogram, null, 161, null, "InvalidHistogramBucketCount", "bucket count 161")]
    [InlineData(SeriesType.Gauge, 3, null, null, "HistogramShapeWithoutHistogram", "GAUGE")]
    [InlineData(SeriesType.Histogram, null, null, 5.0, "ValueRangeWithHistogram", "-Min 5")]
    public void BadHistogramOverridesNameTheValue(SeriesType type, int? schema, int? buckets, double? min, string errorId, string named)
    {
        var overrides = new PlanOverrides { SeriesType = type, HistogramSchema = schema, HistogramBuckets = buckets, Min = min };
        var e = Assert.Throws<ThanosLabException>(() => BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-30d-tiny"), LabelSet.Empty, NewYear2024, overrides));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void TheMemoryEstimateCountsAHistogramSeriesChunksAsLargerThanFloats()
    {
        GenerationEstimate Of(SeriesType type, int? buckets = null) => GenerationEstimate.Of(
            BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-30d-tiny"), LabelSet.Empty, NewYear2024, new PlanOverrides { SeriesType = type, HistogramBuckets = buckets }), 1);
        var gauge = Of(SeriesType.Gauge).PeakMemoryBytes;
        var histogram = Of(SeriesType.Histogram).PeakMemoryBytes;
        var floats = Of(SeriesType.FloatHistogram).PeakMemoryBytes;
        Assert.True(gauge < histogram && histogram < floats, $"{gauge} {histogram} {floats}");
        Assert.True(Of(SeriesType.Histogram, 160).PeakMemoryBytes > histogram);
    }

    [Fact]
    public void TheSeriesTypeNamesIncludeTheHistograms()
    {
        Assert.Equal(SeriesType.FloatHistogram, BlockPlanYaml.ParseType("FloatHistogram"));
        var e = Assert.Throws<ThanosLabException>(() => BlockPlanYaml.ParseType("SUMMARY"));
        Assert.Contains("GAUGE, COUNTER, RANDOM, HISTOGRAM, FLOATHISTOGRAM", e.Message);
    }
}
