using System.Security.Cryptography;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Generation;

/// <summary>
/// The bytes of blocks at realistic cardinality, pinned by hash so that work on the generator's speed
/// cannot change a byte: the hashes were taken from the generator before it was made faster, which
/// Continuous365dTinyBlockZeroMatchesSection18 ties to thanosbench.
/// </summary>
public class GeneratedBlockBytesTests
{
    private static readonly DateTimeOffset NewYear2024 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly LabelSet One = LabelSet.Create(new[] { new Label("cluster", "one") });

    [Fact]
    public void RealisticK8s1wSmallFirstBlockKeepsItsBytes()
    {
        // 15,000 series over three rollouts: the profile's per-series work at a few seconds' cost.
        var spec = BlockPlanner.Plan(ThanosbenchProfiles.Get("realistic-k8s-1w-small"), One, NewYear2024)[0];
        AssertBytes(spec,
            "12f42ce5eb8f4c49eeb1937ce6a9cddb6871b33cf01574bae122b7ba13308f06",
            "7808821f67c06221cb1c48ee9b992e21bc667940488777bc56effa0aadb5dad7");
    }

    [Fact]
    public void MixedSpecsKeepTheirBytes()
    {
        // Labels sorting before and after the target label, values outside ASCII (U+E000 and an emoji
        // order differently in UTF-8 and UTF-16), all three series types and specs of different sizes.
        var c = SeriesCharacteristics.ProfileDefault;
        LabelSet L(params (string Name, string Value)[] labels) => LabelSet.Create(labels.Select(l => new Label(l.Name, l.Value)));
        var series = new[]
        {
            new SeriesSpec(L(("__name__", "up"), ("Zone", "a")), 12, SeriesType.Counter, 0, 3_600_000, c),
            new SeriesSpec(L(("__name__", "up"), ("Zone", "\uE000")), 3, SeriesType.Random, 0, 3_600_000, c),
            new SeriesSpec(L(("__name__", "up"), ("Zone", "\U0001F600")), 5, SeriesType.Gauge, 1_800_000, 7_200_000, c),
            new SeriesSpec(L(("__name__", "mem"), ("pod", "p-1"), ("ns", "default")), 101, SeriesType.Gauge, 0, 7_200_000, c with { Jitter = 0 }),
            new SeriesSpec(L(("__name__", "mem"), ("a", "7")), 2, SeriesType.Counter, 600_000, 900_000, c),
        };
        AssertBytes(new BlockSpec(0, 7_200_000, One, series),
            "2aa2c31ab59aa67b907f1bbc00d81c04e723f468c60de6f2217cba71094cf400",
            "5c29017cfaf8b7d9086fd94a54375e522e631a4c1945d137774562284859c252");
    }

    private static void AssertBytes(BlockSpec spec, string chunksSha256, string indexSha256)
    {
        using var dir = new TempDirectory();
        var block = BlockGenerator.Generate(spec, dir.Path);
        using var chunks = SHA256.Create();
        foreach (var segment in Directory.GetFiles(Path.Combine(block.Path, "chunks")).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(segment);
            chunks.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }
        chunks.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
        var index = SHA256.HashData(File.ReadAllBytes(Path.Combine(block.Path, "index")));
        Assert.Equal((chunksSha256, indexSha256), (Convert.ToHexStringLower(chunks.Hash!), Convert.ToHexStringLower(index)));
    }
}
