using System.Diagnostics;
using System.Globalization;
using System.Text;
using ThanosLab.Engine;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

/// <summary>BlockReader on blocks our writer wrote and on blocks Debian's promtool 2.42 wrote.</summary>
public class BlockReaderTests
{
    private const long Day = 24 * 3600 * 1000;
    private const long T0 = 1_700_000_000_000;

    private static readonly LabelSet External = LabelSet.Create(new[] { new Label("cluster", "eu1") });

    // Three kinds of series over four days: several chunks each, values from every generator.
    internal static BlockSpec MixedSpec() => new(T0, T0 + 4 * Day, External, new[]
    {
        Spec("gauge_metric", 3, SeriesType.Gauge),
        Spec("counter_total", 2, SeriesType.Counter),
        Spec("random_metric", 2, SeriesType.Random),
    });

    private static SeriesSpec Spec(string name, int targets, SeriesType type) =>
        new(LabelSet.Create(new[] { new Label("__name__", name), new Label("job", "test") }), targets, type, T0, T0 + 4 * Day, SeriesCharacteristics.ProfileDefault);

    [Fact]
    public void OurBlocksReadBackSampleForSampleEqualToTheGenerator()
    {
        using var dir = new TempDirectory();
        var spec = MixedSpec();
        var block = BlockGenerator.Generate(spec, dir.Path);
        using var reader = BlockReader.Open(block.Path);
        Assert.Equal(block.Meta.Id, reader.Meta.Id);
        Assert.Empty(reader.Tombstones);

        long samples = 0, chunks = 0;
        var series = reader.Series().ToList();
        Assert.Equal(7, series.Count);
        Assert.Equal(series.OrderBy(s => s.Labels).Select(s => s.Labels), series.Select(s => s.Labels));
        foreach (var s in series)
        {
            var target = s.Labels.Get(SeriesSpec.TargetLabel)!;
            var seriesSpec = spec.Series.Single(x => x.Labels.Get("__name__") == s.Labels.Get("__name__"));
            var generator = SampleGenerator.Create(seriesSpec.Type, new GoRandom(SeriesSeed.Seed(target, seriesSpec.Labels, External)),
                seriesSpec.MinTime, seriesSpec.MaxTime, seriesSpec.Characteristics);
            foreach (var (t, v) in reader.Samples(s))
            {
                Assert.True(generator.Next());
                Assert.Equal(generator.Time, t);
                Assert.Equal(BitConverter.DoubleToUInt64Bits(generator.Value), BitConverter.DoubleToUInt64Bits(v));
                samples++;
            }
            Assert.False(generator.Next());
            Assert.True(s.Chunks.Count > 1);
            chunks += s.Chunks.Count;
        }
        Assert.Equal(block.Meta.Stats.NumSamples, (ulong)samples);
        Assert.Equal(block.Meta.Stats.NumChunks, (ulong)chunks);
    }

    [SkippableFact]
    public void BlocksWrittenByPromtoolAreReadCorrectlyAndVerifyHealthy()
    {
        var promtool = Requires.Tool("promtool", "apt-get install prometheus");
        using var dir = new TempDirectory();
        // 300 samples per series at 10 s, values with fractions, negatives and repeats; one hour in one 2 h block.
        const long start = 1_700_006_400_000;
        var expected = new SortedDictionary<string, List<(long, double)>>(StringComparer.Ordinal);
        var om = new StringBuilder();
        var rnd = new Random(42);
        foreach (var (name, labels) in new[] { ("http_requests_total", "code=\"200\",path=\"/\""), ("http_requests_total", "code=\"500\",path=\"/\""), ("temperature", "room=\"a b\"") })
        {
            om.Append("# TYPE ").Append(name).Append(name.EndsWith("_total", StringComparison.Ordinal) ? " counter\n" : " gauge\n");
            var key = $"{{__name__=\"{name}\", {labels.Replace(",", ", ")}}}";
            var list = expected[key] = new List<(long, double)>();
            double v = 0;
            for (var i = 0; i < 300; i++)
            {
                var t = start + i * 10_000 + (i % 7 == 0 ? 1 : 0);
                v = name == "temperature" ? Math.Round(rnd.NextDouble() * 40 - 10, 3) : v + rnd.Next(0, 3);
                list.Add((t, v));
                om.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {v.ToString("R", CultureInfo.InvariantCulture)} {t / 1000}.{t % 1000:D3}\n");
            }
        }
        om.Append("# EOF\n");
        File.WriteAllText(dir.Combine("in.om"), om.ToString());
        var psi = new ProcessStartInfo(promtool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "tsdb", "create-blocks-from", "openmetrics", dir.Combine("in.om"), dir.Combine("out") }) psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi)!)
        {
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, output);
        }

        var actual = new SortedDictionary<string, List<(long, double)>>(StringComparer.Ordinal);
        foreach (var blockDir in Directory.GetDirectories(dir.Combine("out")))
        {
            var verification = BlockVerifier.Verify(blockDir);
            Assert.True(verification.IsHealthy, string.Join("\n", verification.Issues));
            using var reader = BlockReader.Open(blockDir);
            foreach (var s in reader.Series())
            {
                var key = s.Labels.ToString();
                if (!actual.TryGetValue(key, out var list)) actual[key] = list = new List<(long, double)>();
                list.AddRange(reader.Samples(s));
            }
        }
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var key in expected.Keys)
        {
            Assert.Equal(expected[key], actual[key]);
        }
    }

    [Fact]
    public void ReaderThrowsCorruptBlockNamingFileAndOffset()
    {
        using var dir = new TempDirectory();
        var block = BlockGenerator.Generate(MixedSpec(), dir.Path);
        var index = Path.Combine(block.Path, "index");
        var bytes = File.ReadAllBytes(index);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(index, bytes);
        var e = Assert.Throws<ThanosLabException>(() => BlockReader.Open(block.Path));
        Assert.Equal("CorruptBlock", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Contains($"index at offset {bytes.Length - 52}: TOC CRC32C mismatch", e.Message);
    }
}
