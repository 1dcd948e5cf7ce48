using System.Security.Cryptography;
using ThanosLab.Engine;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Generation;

/// <summary>The generator against the verified thanosbench vectors of formats.md §17.3 and §18.</summary>
public class BlockGeneratorTests
{
    private static readonly DateTimeOffset NewYear2024 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly LabelSet One = LabelSet.Create(new[] { new Label("cluster", "one") });

    [Fact]
    public void GoRandomMatchesGoForSeedOne()
    {
        var r = new GoRandom(1);
        Assert.Equal(5577006791947779410, r.Int63());
        Assert.Equal(8674665223082153551, r.Int63());
        Assert.Equal(0.6046602879796196, new GoRandom(1).Float64(), 0.0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(int.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(0x1fab18066f39d066)]
    public void GoRandomMakesGosStateForAnySeedAndAnyNumberOfDraws(long seed)
    {
        // Past 607 draws every state element has been made and rewritten; reseeding a used source
        // must forget all of it.
        var reused = new GoRandom(42);
        for (var i = 0; i < 700; i++) reused.Int63();
        reused.Seed(seed);
        var fresh = new GoRandom(seed);
        var expected = new GoSeededStateReference(seed);
        for (var draw = 0; draw < 2000; draw++)
        {
            var want = expected.Next();
            Assert.Equal(want, fresh.Int63());
            Assert.Equal(want, reused.Int63());
        }
    }

    // Go's rngSource.Seed and Int63 as rng.go writes them: Schrage's method, step after step.
    private sealed class GoSeededStateReference
    {
        private readonly long[] _vec = new long[607];
        private int _tap, _feed = 607 - 273;

        public GoSeededStateReference(long seed)
        {
            seed %= int.MaxValue;
            if (seed < 0) seed += int.MaxValue;
            if (seed == 0) seed = 89482311;
            var x = (int)seed;
            for (var i = -20; i < 607; i++)
            {
                x = SeedRand(x);
                if (i < 0) continue;
                var u = (long)x << 40;
                x = SeedRand(x);
                u ^= (long)x << 20;
                x = SeedRand(x);
                u ^= x;
                _vec[i] = u ^ GoRandomCookedValues.Values[i];
            }
        }

        private static int SeedRand(int x)
        {
            const int a = 48271, q = 44488, r = 3399;
            var hi = x / q;
            var lo = x % q;
            x = a * lo - r * hi;
            return x < 0 ? x + int.MaxValue : x;
        }

        public long Next()
        {
            if (--_tap < 0) _tap += 607;
            if (--_feed < 0) _feed += 607;
            var x = unchecked(_vec[_feed] + _vec[_tap]);
            _vec[_feed] = x;
            return x & long.MaxValue;
        }
    }

    [Theory]
    [InlineData(0, "b98e1abf788e1cd1", "41a42500f3657920", "41a49e1c35f147a3")]
    [InlineData(1, "616a994e0b648b64", "416dcffe9b3018f8", "414d87d26be35ca8")]
    [InlineData(2, "fb5ce5120d60edeb", "4199a408d57a7914", "4197f96076e1e1d3")]
    [InlineData(3, "889d5dbc9ff87386", "4199958a7a3e6743", "4199ee04a540f2db")]
    [InlineData(4, "aa2c00a56a8994e5", "41a55f5810751bb3", "41a6e2cfe2681a14")]
    public void GaugeSeriesMatchThanosbench(int metric, string hash, string firstValue, string value241)
    {
        var labels = LabelSet.Create(new[] { new Label("__name__", $"continuous_app_metric{metric}") });
        Assert.Equal(hash, SeriesSeed.Hash("1", labels, One).ToString("x16"));
        var gen = new GaugeGenerator(new GoRandom(SeriesSeed.Seed("1", labels, One)), 0, 10_000_000, SeriesCharacteristics.ProfileDefault);
        var values = new List<ulong>();
        while (values.Count < 241 && gen.Next())
        {
            values.Add(BitConverter.DoubleToUInt64Bits(gen.Value));
        }
        Assert.Equal(firstValue, values[0].ToString("x16"));
        Assert.Equal(firstValue, values[239].ToString("x16"));
        Assert.Equal(value241, values[240].ToString("x16"));
    }

    [Fact]
    public void SeedWithoutExternalLabelsMatchesThanosbench()
    {
        var labels = LabelSet.Create(new[] { new Label("__name__", "continuous_app_metric0") });
        Assert.Equal("1fab18066f39d066", SeriesSeed.Hash("1", labels, LabelSet.Empty).ToString("x16"));
        Assert.Equal(0xEF46DB3751D8E999, new System.IO.Hashing.XxHash64().GetCurrentHashAsUInt64());
    }

    [Fact]
    public void GaugeStartsOneIntervalAfterMinTimeAndStopsPastMaxTime()
    {
        var gen = new GaugeGenerator(new GoRandom(7), 1000, 46000, SeriesCharacteristics.ProfileDefault);
        var times = new List<long>();
        while (gen.Next()) times.Add(gen.Time);
        Assert.Equal(new long[] { 16000, 31000, 46000, 61000 }, times);
    }

    [Fact]
    public void CounterOnlyGrowsAndRandomStaysInRange()
    {
        var c = SeriesCharacteristics.ProfileDefault;
        var counter = new CounterGenerator(new GoRandom(3), 0, 7_200_000, c);
        double last = 0;
        var n = 0;
        while (counter.Next())
        {
            Assert.True(counter.Value >= last);
            last = counter.Value;
            n++;
        }
        Assert.Equal(481, n);
        var random = new RandomGenerator(new GoRandom(3), 0, 7_200_000, c);
        while (random.Next()) Assert.InRange(random.Value, c.Min, c.Max + 1);
    }

    [Fact]
    public void ChunkCutterGives117SamplesWithAFarRange()
    {
        Assert.Equal(new[] { 117, 117, 117, 117, 12 }, ChunkSizes(ChunkCutter.ThanosbenchChunkRange, 1704067215001, 1704074400002));
    }

    [Fact]
    public void ChunkCutterGives120SamplesInAnAlignedTwoHourRange()
    {
        Assert.Equal(new[] { 120, 120, 120, 120 }, ChunkSizes(7_200_000, 0, 7_200_000));
    }

    [Fact]
    public void ChunkCutterEndsAChunkAtTheChunkRangeBoundary()
    {
        // Two hours of 15 s samples across a 1 h boundary: the chunk before it ends there.
        var sizes = ChunkSizes(3_600_000, 1_800_000, 9_000_000);
        Assert.Equal(120, sizes[0]);
        Assert.Equal(480, sizes.Sum());
    }

    // Sizes of the chunks the cutter makes for 15 s samples in [start, end).
    private static List<int> ChunkSizes(long chunkRange, long start, long end)
    {
        var cutter = new ChunkCutter(chunkRange);
        var sizes = new List<int>();
        var count = 0;
        for (var t = start; t < end; t += 15000)
        {
            if (cutter.StartsChunk(t, count) && count > 0)
            {
                sizes.Add(count);
                count = 0;
            }
            count++;
        }
        sizes.Add(count);
        return sizes;
    }

    [Fact]
    public void Continuous365dTinyBlockZeroMatchesSection18()
    {
        using var dir = new TempDirectory();
        var spec = BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-365d-tiny"), One, NewYear2024)[0];
        var block = BlockGenerator.Generate(spec, dir.Path);
        Assert.Equal(1704067215001, block.Meta.MinTime);
        Assert.Equal(1704074400002, block.Meta.MaxTime);
        Assert.Equal(new BlockStats(2400, 5, 25), block.Meta.Stats);
        var chunk = File.ReadAllBytes(Path.Combine(block.Path, "chunks", "000001"));
        var index = File.ReadAllBytes(Path.Combine(block.Path, "index"));
        Assert.Equal(1242, chunk.Length);
        Assert.Equal(932, index.Length);
        Assert.Equal("e2f34abaf25d6a62a733c226c56b2efdea5c486d4e0551dc4a0bc860e4ef7cb4", Convert.ToHexStringLower(SHA256.HashData(chunk)));
        Assert.Equal("b602f4e3ccb575dd486dc621c951fe43515986b1f71bab36fef6c81df72d2fbd", Convert.ToHexStringLower(SHA256.HashData(index)));
        Assert.Equal(Convert.FromHexString("0130ba300100000000"), File.ReadAllBytes(Path.Combine(block.Path, "tombstones")));
        var meta = File.ReadAllText(Path.Combine(block.Path, "meta.json"));
        Assert.EndsWith("}\n", meta);
        Assert.Equal(block.Meta, BlockMetaJson.ReadFile(Path.Combine(block.Path, "meta.json")), new MetaComparer());
        Assert.Equal(block.Path, Path.Combine(dir.Path, block.Meta.Ulid.ToString()));
        Assert.Equal(new[] { block.Meta.Ulid }, block.Meta.Compaction.Sources);
        Assert.Equal("blockgen", block.Meta.Thanos!.Source);
        Assert.Single(Directory.GetDirectories(dir.Path));
    }

    [Fact]
    public void Block4StraddlesNothingAndHas362ChunksPerSeries()
    {
        using var dir = new TempDirectory();
        var spec = BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-365d-tiny"), One, NewYear2024)[4];
        var block = BlockGenerator.Generate(spec, dir.Path);
        Assert.Equal(new BlockStats(211200, 5, 5 * 362), block.Meta.Stats);
    }

    [Fact]
    public void CancellationLeavesNoTemporaryDirectory()
    {
        using var dir = new TempDirectory();
        var spec = BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-365d-tiny"), One, NewYear2024)[8];
        using var cts = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => BlockGenerator.Generate(spec, dir.Path, _ => cts.Cancel(), cts.Token));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void AnExistingBlockIsNeverOverwritten()
    {
        using var dir = new TempDirectory();
        var id = Ulid.NewUlid();
        Directory.CreateDirectory(Path.Combine(dir.Path, id.ToString()));
        var e = Assert.Throws<ThanosLabException>(() => BlockWriter.Create(dir.Path, id));
        Assert.Equal("BlockExists", e.ErrorId);
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void DuplicateSeriesAreRefused()
    {
        using var dir = new TempDirectory();
        var labels = LabelSet.Create(new[] { new Label("__name__", "m") });
        var s = new SeriesSpec(labels, 1, SeriesType.Gauge, 0, 60000, SeriesCharacteristics.ProfileDefault);
        var e = Assert.Throws<ThanosLabException>(() => BlockGenerator.Generate(new BlockSpec(0, 60000, One, new[] { s, s }), dir.Path));
        Assert.Equal("DuplicateSeries", e.ErrorId);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void TargetsAreSortedAsStrings()
    {
        using var dir = new TempDirectory();
        var labels = LabelSet.Create(new[] { new Label("__name__", "m") });
        var s = new SeriesSpec(labels, 12, SeriesType.Random, 0, 60000, SeriesCharacteristics.ProfileDefault);
        var block = BlockGenerator.Generate(new BlockSpec(0, 60000, One, new[] { s }), dir.Path);
        // Like thanosbench, the last sample lies one interval past a MaxTime that is itself a sample slot.
        Assert.Equal(new BlockStats(12 * 5, 12, 12), block.Meta.Stats);
    }

    private sealed class MetaComparer : IEqualityComparer<BlockMeta>
    {
        public bool Equals(BlockMeta? x, BlockMeta? y) =>
            x!.Ulid == y!.Ulid && x.MinTime == y.MinTime && x.MaxTime == y.MaxTime && x.Stats == y.Stats &&
            x.Compaction.Level == y.Compaction.Level && x.Thanos!.Labels.Equals(y.Thanos!.Labels);

        public int GetHashCode(BlockMeta obj) => obj.Ulid.GetHashCode();
    }
}
