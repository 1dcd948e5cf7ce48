using System.Text;
using System.Text.Json.Nodes;
using ThanosLab.Engine;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Prometheus;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Index;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Engine.Tsdb.Tombstones;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Fuzz;

/// <summary>
/// Every reader of outside input (block files, block marks, shipper state, plan and config YAML) fed truncated, byte-flipped, nested, oversized and type-confused
/// variants of a valid file, a bounded, seeded number of cases each (issue 12, "Done when"). Parsers
/// may refuse an input only with a <see cref="ThanosLabException"/>; readers that report issues
/// (the block verifier, the index and tombstones readers, the shipper state) never throw at all.
/// Nesting stays at a moderate depth: the deep-nesting stack overflow of YAML is bounded by the YAML
/// readers themselves (and no test can survive a stack overflow).
/// </summary>
public sealed class ReaderFuzzTests : IDisposable
{
    private const int Seed = 20261202;
    private const int Cases = 150;
    private const int Nesting = 200;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // Values of every JSON/YAML type, and numbers and texts at the edges of the types readers want.
    private static readonly string[] JsonValues =
    {
        "null", "true", "false", "0", "-1", "1.5", "1e400", "-9223372036854775809", "18446744073709551616", "9223372036854775807",
        "\"\"", "\"x\"", "\"\\ud800\"", "\"01HK2M7J3QW8D5T1X0ZC9B6N4E\"", "[]", "[1,2]", "[null]", "{}", "{\"a\":1}", "[[[[]]]]",
    };

    private static readonly string[] YamlValues =
    {
        "~", "null", "true", "0", "-1", "1.5", ".inf", "-.nan", "99999999999999999999999", "9223372036854775807", "-9223372036854775808",
        "\"\"", "x", "'x'", "[]", "[1, [2]]", "{}", "{a: 1}", "!!binary AAAA", "&a x", "*a", "!!map {}", "|\n  text", "\"\\ud800\"", "0x7fffffffffffffff", "1d", "-1000000d",
    };

    private static readonly string MetaSample = BlockMetaJson.ToThanosJson(new BlockMeta(Ulid.Parse("01HK2M7J3QW8D5T1X0ZC9B6N4E"), 1704067215001, 1704074400002,
        new BlockStats(2400, 5, 25), new BlockCompaction(1, new[] { Ulid.Parse("01HK2M7J3QW8D5T1X0ZC9B6N4E") }))
    {
        Thanos = new ThanosMeta(LabelSet.Create(new[] { new Label("cluster", "one") }), 0, "bucket.upload")
        {
            SegmentFiles = new[] { "000001" },
            Files = new[] { new ThanosFile("chunks/000001", 1242), new ThanosFile("index", 932, "SHA256", "ab"), new ThanosFile("meta.json", null) },
            IndexStats = (1, 2),
            ExtensionsJson = "{\"a\":[1,{\"b\":null}]}",
            UploadTime = "2024-01-01T03:00:00.5Z",
        },
    });

    private const string ShipperSample = "{\n\t\"version\": 1,\n\t\"uploaded\": [\n\t\t\"01HK2M7J3QW8D5T1X0ZC9B6N4E\"\n\t]\n}\n";

    private const string PrometheusSample = """
        global:
          scrape_interval: 15s
          evaluation_interval: 15s
          external_labels:
            cluster: eu1
            replica: 0
        scrape_configs:
          - job_name: 'prometheus'
            scrape_interval: 5s
            static_configs:
              - targets: ['127.0.0.1:9090']
        """;

    private const string FileSystemBucketSample = """
        type: FILESYSTEM
        config:
          directory: /tmp/bucket
        prefix: ""
        """;

    private static string PlanSample() => BlockPlanYaml.ToYaml(BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-1w-small"),
        LabelSet.Create(new[] { new Label("cluster", "one") }), new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)).Take(2));

    [Fact]
    public void MetaJsonRefusesOnlyWithThanosLabErrors() =>
        // What reads must also write again: Publish-ThanosBlock rewrites every meta.json it uploads.
        AssertAll(TextInputs(MetaSample, JsonTypeConfused, JsonNested), input => BlockMetaJson.ToThanosJson(BlockMetaJson.Parse(input, "'fuzz/meta.json'")), refusalAllowed: true);

    [Fact]
    public void ShipperStateNeverThrows() =>
        AssertAll(TextInputs(ShipperSample, JsonTypeConfused, JsonNested), input => ShipperState.Parse(input), refusalAllowed: false);

    [Theory]
    [InlineData(BlockMarkKind.Deletion)]
    [InlineData(BlockMarkKind.NoCompact)]
    public void BlockMarksRefuseOnlyWithThanosLabErrors(BlockMarkKind kind) =>
        AssertAll(TextInputs(BlockMark.Create(kind, "01HK2M7J3QW8D5T1X0ZC9B6N4E", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), "fuzz", kind == BlockMarkKind.NoCompact ? "manual" : null).ToJson(), JsonTypeConfused, JsonNested),
            input => BlockMark.Parse(kind, input, "'fuzz/mark.json'"), refusalAllowed: true);

    [Fact]
    public void PlanYamlRefusesOnlyWithThanosLabErrors() =>
        AssertAll(TextInputs(PlanSample(), YamlTypeConfused, YamlNested), input => BlockPlanYaml.Read(new StringReader(Encoding.UTF8.GetString(input)), "'fuzz/plan.yaml'"), refusalAllowed: true);

    [Fact]
    public void ObjstoreConfigRefusesOnlyWithThanosLabErrors() =>
        AssertAll(TextInputs(TutorialFiles.BucketStorage, YamlTypeConfused, YamlNested).Concat(TextInputs(FileSystemBucketSample, YamlTypeConfused, YamlNested)),
            input => ObjstoreConfigYaml.Parse(Encoding.UTF8.GetString(input), "'fuzz/bucket.yaml'"), refusalAllowed: true);

    [Fact]
    public void PrometheusConfigRefusesOnlyWithThanosLabErrors() =>
        AssertAll(TextInputs(PrometheusSample, YamlTypeConfused, YamlNested), input => PrometheusConfigYaml.Parse(Encoding.UTF8.GetString(input), "'fuzz/prometheus.yml'"), refusalAllowed: true);

    [Theory]
    [InlineData("index")]
    [InlineData("chunks/000001")]
    [InlineData("tombstones")]
    [InlineData("meta.json")]
    public void BlockFilesAreReportedNeverThrown(string file)
    {
        var block = SmallBlock();
        var path = Path.Combine(block.Path, file);
        var valid = File.ReadAllBytes(path);
        var others = new[] { "index", "chunks/000001", "tombstones", "meta.json" }.Select(f => File.ReadAllBytes(Path.Combine(block.Path, f))).ToArray();
        var failures = new List<string>();
        var i = 0;
        foreach (var (kind, input) in BinaryInputs(valid, others))
        {
            File.WriteAllBytes(path, input);
            // The verifier lists problems and never throws; the strict reader may refuse only with a ThanosLab error.
            Check(failures, $"case {i} ({kind}) of {file} in the verifier", () => BlockVerifier.Verify(block.Path), refusalAllowed: false);
            Check(failures, $"case {i} ({kind}) of {file} in the verifier without decoding", () => BlockVerifier.Verify(block.Path, decodeSamples: false), refusalAllowed: false);
            Check(failures, $"case {i} ({kind}) of {file} in the reader", () => ReadEverything(block.Path), refusalAllowed: true);
            Check(failures, $"case {i} ({kind}) of {file} in the issue-reporting readers", () => ReportingReaders(block.Path), refusalAllowed: false);
            i++;
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    private GeneratedBlock SmallBlock()
    {
        var t0 = 1_700_000_000_000L;
        var labels = LabelSet.Create(new[] { new Label("__name__", "m") });
        var spec = new BlockSpec(t0, t0 + 3 * 3600_000, LabelSet.Create(new[] { new Label("cluster", "one") }),
            new[] { new SeriesSpec(labels, 3, SeriesType.Gauge, t0, t0 + 3 * 3600_000, SeriesCharacteristics.ProfileDefault) });
        return BlockGenerator.Generate(spec, _dir.Path);
    }

    private static object ReadEverything(string blockPath)
    {
        using var reader = BlockReader.Open(blockPath);
        long n = 0;
        foreach (var series in reader.Series())
        {
            n += reader.Samples(series).Count();
        }
        return n;
    }

    private static object ReportingReaders(string blockPath)
    {
        var issues = new List<BlockIssue>();
        TombstonesReader.Read(Path.Combine(blockPath, TombstonesFile.FileName), issues);
        using var index = IndexReader.Open(Path.Combine(blockPath, IndexReader.FileName), issues);
        return issues;
    }

    private static void AssertAll(IEnumerable<(string Kind, byte[] Input)> inputs, Func<byte[], object?> read, bool refusalAllowed)
    {
        var failures = new List<string>();
        var i = 0;
        foreach (var (kind, input) in inputs)
        {
            Check(failures, $"case {i++} ({kind}, {input.Length} bytes: {Preview(input)})", () => read(input), refusalAllowed);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {i} cases:\n" + string.Join("\n", failures.Take(10)));
    }

    private static void Check(List<string> failures, string what, Func<object?> read, bool refusalAllowed)
    {
        try
        {
            read();
        }
        catch (ThanosLabException) when (refusalAllowed)
        {
        }
        catch (Exception e)
        {
            failures.Add($"{what}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
        }
    }

    private static string Preview(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input, 0, Math.Min(input.Length, 80)).ReplaceLineEndings("⏎");
        return input.Length > 80 ? text + "…" : text;
    }

    /// <summary>The text inputs: truncations, byte flips, type confusion, nesting and oversized variants of <paramref name="sample"/>.</summary>
    private static IEnumerable<(string, byte[])> TextInputs(string sample, Func<string, Random, string> typeConfused, Func<int, string> nested)
    {
        var r = new Random(Seed);
        var valid = Encoding.UTF8.GetBytes(sample);
        yield return ("valid", valid);
        yield return ("empty", Array.Empty<byte>());
        for (var i = 0; i < Cases; i++)
        {
            yield return ("truncated", valid[..r.Next(valid.Length)]);
            yield return ("flipped", Flip(valid, r));
            yield return ("type-confused", Encoding.UTF8.GetBytes(typeConfused(sample, r)));
        }
        foreach (var depth in new[] { 2, 20, 64, 65, Nesting })
        {
            yield return ($"nested {depth}", Encoding.UTF8.GetBytes(nested(depth)));
        }
        yield return ("oversized", Encoding.UTF8.GetBytes(sample + new string(' ', 17 * 1024 * 1024)));
        yield return ("long value", Encoding.UTF8.GetBytes(sample.Replace("one", new string('o', 2 * 1024 * 1024), StringComparison.Ordinal)));
        yield return ("invalid UTF-8", valid.Select((b, i) => i % 7 == 3 ? (byte)0xFF : b).ToArray());
    }

    private static byte[] Flip(byte[] valid, Random r)
    {
        var copy = (byte[])valid.Clone();
        for (var n = r.Next(1, 4); n > 0 && copy.Length > 0; n--)
        {
            copy[r.Next(copy.Length)] ^= (byte)r.Next(1, 256);
        }
        return copy;
    }

    private static string JsonTypeConfused(string sample, Random r)
    {
        var root = JsonNode.Parse(sample)!;
        var slots = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, slots);
        var (parent, key, index) = slots[r.Next(slots.Count)];
        // The value goes in as text: System.Text.Json cannot hold some of them (a lone surrogate).
        const string slot = "fuzz-slot-7f3a";
        if (key is null) parent.AsArray()[index] = slot;
        else parent.AsObject()[key] = slot;
        return root.ToJsonString().Replace($"\"{slot}\"", JsonValues[r.Next(JsonValues.Length)], StringComparison.Ordinal);
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> slots)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o.ToList())
                {
                    slots.Add((o, k, 0));
                    if (v is not null) Collect(v, slots);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    slots.Add((a, null, i));
                    if (a[i] is { } v) Collect(v, slots);
                }
                break;
        }
    }

    private static string JsonNested(int depth) =>
        "{\"ulid\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"version\":1,\"thanos\":{\"extensions\":" + new string('[', depth) + new string(']', depth) + "}}";

    private static string YamlTypeConfused(string sample, Random r)
    {
        var lines = sample.ReplaceLineEndings("\n").Split('\n');
        var candidates = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(':', StringComparison.Ordinal) || lines[i].TrimStart().StartsWith('-')).ToArray();
        var at = candidates[r.Next(candidates.Length)];
        var line = lines[at];
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var value = YamlValues[r.Next(YamlValues.Length)];
        lines[at] = colon >= 0 ? line[..(colon + 1)] + " " + value : line[..(line.IndexOf('-', StringComparison.Ordinal) + 1)] + " " + value;
        return string.Join('\n', lines);
    }

    private static string YamlNested(int depth) => depth % 2 == 0
        ? "series: " + new string('[', depth) + new string(']', depth) + "\n"
        : string.Concat(Enumerable.Range(0, depth).Select(i => new string(' ', i) + "a:\n")) + new string(' ', depth) + "b: 1\n";

    /// <summary>The binary inputs: truncations, byte flips, another block file in its place, oversized and empty.</summary>
    private static IEnumerable<(string, byte[])> BinaryInputs(byte[] valid, byte[][] others)
    {
        var r = new Random(Seed);
        yield return ("empty", Array.Empty<byte>());
        for (var i = 0; i < Cases / 3; i++)
        {
            yield return ("truncated", valid[..r.Next(valid.Length)]);
            yield return ("flipped", Flip(valid, r));
        }
        foreach (var other in others) yield return ("another block file", other);
        var big = new byte[4 * 1024 * 1024];
        r.NextBytes(big);
        yield return ("oversized random", valid.Take(8).Concat(big).ToArray());
        yield return ("oversized zeros", valid.Take(8).Concat(new byte[4 * 1024 * 1024]).ToArray());
    }
}
