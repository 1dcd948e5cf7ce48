using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Objstore.Doctor;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Tests.Infrastructure;
using ThanosLab.Tests.Objstore;
using Xunit;

namespace ThanosLab.Tests.Generation;

/// <summary>
/// Blocks written with each <see cref="BlockFault"/>: our verifier names the defect, the doctor files it
/// under the kind the compactor's check would, and promtool 2.42's reaction is recorded as it is.
/// </summary>
public sealed class BlockFaultTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Each fault in its own block, in a directory named after it: the newest 2 h block of continuous-30d-tiny each time.</summary>
    internal static IReadOnlyDictionary<BlockFault, GeneratedBlock> WriteEachFault(string directory)
    {
        var spec = NewestSpec();
        return Enum.GetValues<BlockFault>().ToDictionary(fault => fault, fault =>
        {
            Directory.CreateDirectory(Path.Combine(directory, fault.ToString()));
            return BlockFaultWriter.Generate(spec, fault, Path.Combine(directory, fault.ToString()));
        });
    }

    private static BlockSpec NewestSpec() =>
        BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-30d-tiny"), TestBlocks.Labels(("cluster", "one")), TestBlocks.NewYear)[0];

    /// <summary>What our verifier says about each fault, and the doctor kind it becomes.</summary>
    public static TheoryData<BlockFault, string, BucketFindingKind> Expected => new()
    {
        { BlockFault.OutOfOrderChunks, "chunk 1 starts at 1704067215001, not after chunk 0 ends at 1704070710001 (chunks overlap or are out of order)", BucketFindingKind.OutOfOrderChunks },
        { BlockFault.ChunkOutsideRange, "chunk 4 [1704078000002, 1704078165002] is not inside the block range [1704067215001, 1704074400002) of meta.json", BucketFindingKind.MetaMismatch },
        { BlockFault.DuplicateSeries, "the series is not after the previous series in label-set order", BucketFindingKind.IndexIssue },
        { BlockFault.EmptyChunk, "chunk 1 holds no samples", BucketFindingKind.IndexIssue },
        { BlockFault.WrongStats, "stats.numSamples is 2401 but the chunks hold 2400 samples", BucketFindingKind.MetaMismatch },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void TheVerifierNamesEachFaultInTheFirstSeriesAndNothingElse(BlockFault fault, string issue, BucketFindingKind kind)
    {
        var spec = NewestSpec();
        var clean = BlockGenerator.Generate(spec, _dir.Combine("clean"));
        var block = BlockFaultWriter.Generate(spec, fault, _dir.Combine("faulty"));

        var result = BlockVerifier.Verify(block.Path);
        Assert.False(result.IsHealthy);
        var found = Assert.Single(result.Issues, i => i.Message.Contains(issue, StringComparison.Ordinal));
        Assert.All(result.Issues, i => Assert.Equal(kind, BlockContentCheck.Classify(i)));
        Assert.Equal(fault == BlockFault.WrongStats ? 3 : 1, result.Issues.Count);
        if (fault != BlockFault.WrongStats)
        {
            Assert.Equal("{__blockgen_target__=\"1\", __name__=\"continuous_app_metric0\"}", found.Series);
        }
        // The rest of the block is the plan's block: same range, same labels, and (but where the fault adds them) the same counts.
        Assert.Equal((clean.Meta.MinTime, clean.Meta.MaxTime, clean.Meta.Thanos), (block.Meta.MinTime, block.Meta.MaxTime, block.Meta.Thanos));
        var (series, chunks, samples) = fault switch
        {
            BlockFault.DuplicateSeries => (6UL, 30UL, 2880UL),
            BlockFault.EmptyChunk => (5UL, 26UL, 2400UL),
            BlockFault.WrongStats => (6UL, 26UL, 2401UL),
            _ => (5UL, 25UL, 2400UL),
        };
        Assert.Equal((samples, series, chunks), (block.Meta.Stats.NumSamples, block.Meta.Stats.NumSeries, block.Meta.Stats.NumChunks));
        Assert.True(BlockVerifier.Verify(clean.Path).IsHealthy);
    }

    [Fact]
    public void TheFaultBlockKeepsThePlansUlidAndNoTemporaryDirectory()
    {
        var spec = NewestSpec();
        var before = Directory.GetDirectories(Path.GetTempPath(), "thanoslab-fault-*").Length;
        var block = BlockFaultWriter.Generate(spec, BlockFault.OutOfOrderChunks, _dir.Path);
        Assert.Equal(new[] { block.Path }, Directory.GetDirectories(_dir.Path));
        Assert.Equal(block.Meta.Id, Path.GetFileName(block.Path));
        Assert.Equal(new[] { block.Meta.Ulid }, block.Meta.Compaction.Sources);
        Assert.True(Directory.GetDirectories(Path.GetTempPath(), "thanoslab-fault-*").Length <= before);
    }

    /// <summary>
    /// promtool 2.42 opens every fault block and analyzes it without complaint (exit 0): it reads the
    /// index and meta.json, never the order of chunks, so only what it prints shows the fault.
    /// </summary>
    [SkippableFact]
    public void PromtoolAnalyzesEveryFaultBlockWithoutComplaintAndShowsOnlyWhatMetaAndPostingsSay()
    {
        var promtool = Requires.Tool("promtool", "apt-get install prometheus");
        var blocks = WriteEachFault(_dir.Path);
        var outputs = blocks.ToDictionary(b => b.Key, b => ToolProcess.Run(promtool, "tsdb", "analyze", Path.GetDirectoryName(b.Value.Path)!, b.Value.Meta.Id));
        Assert.All(outputs, o => Assert.True(o.Value.Code == 0, $"{o.Key}: {o.Value.Output}"));
        Assert.All(outputs, o => Assert.Contains("Block ID: " + blocks[o.Key].Meta.Id, o.Value.Output));
        // Series comes from meta.json's stats: the lie shows, and the duplicate is counted.
        Assert.Contains("Series: 6", outputs[BlockFault.WrongStats].Output);
        Assert.Contains("Series: 6", outputs[BlockFault.DuplicateSeries].Output);
        Assert.Contains("2 __name__=continuous_app_metric0", outputs[BlockFault.DuplicateSeries].Output);
        Assert.Contains("Series: 5", outputs[BlockFault.OutOfOrderChunks].Output);
        Assert.Contains("Series: 5", outputs[BlockFault.EmptyChunk].Output);
        // The chunk an hour past maxTime makes the churn of its series absurd, and nothing else.
        Assert.Contains("Series: 5", outputs[BlockFault.ChunkOutsideRange].Output);
        Assert.Matches(@"\n\d{10,} __name__=continuous_app_metric0\n", outputs[BlockFault.ChunkOutsideRange].Output);
        Assert.Matches(@"\n0 __name__=continuous_app_metric0\n", outputs[BlockFault.OutOfOrderChunks].Output);
    }

    /// <summary>
    /// A real Prometheus 2.42 serves each fault block by itself; count_over_time of the faulty series over
    /// the block (ending just before maxTime) and over a day ending two hours after it. The series has 480
    /// samples: Prometheus merges chunks listed out of order, serves a chunk past maxTime to a query that
    /// reaches it (12 samples), and refuses a series that is there twice.
    /// </summary>
    [SkippableFact]
    public async Task PrometheusServesEachFaultBlockAsRecorded()
    {
        Requires.Tool("prometheus", "apt-get install prometheus");
        var blocks = WriteEachFault(_dir.Path);
        var answers = new Dictionary<BlockFault, (string Inside, string Later)>();
        foreach (var (fault, block) in blocks)
        {
            using var prometheus = await PrometheusProcess.StartAsync(new[] { block.Path });
            using var http = new HttpClient { BaseAddress = prometheus.Endpoint, Timeout = TimeSpan.FromSeconds(30) };
            answers[fault] = (await CountOverTime(http, "3h", block.Meta.MaxTime - 1), await CountOverTime(http, "1d", block.Meta.MaxTime + 7_200_000));
        }
        Assert.Equal(("480", "480"), answers[BlockFault.OutOfOrderChunks]);
        Assert.Equal(("468", "480"), answers[BlockFault.ChunkOutsideRange]);
        Assert.Equal(("422: vector cannot contain metrics with the same labelset", "422: vector cannot contain metrics with the same labelset"), answers[BlockFault.DuplicateSeries]);
        Assert.Equal(("480", "480"), answers[BlockFault.EmptyChunk]);
        Assert.Equal(("480", "480"), answers[BlockFault.WrongStats]);
    }

    private static async Task<string> CountOverTime(HttpClient http, string range, long atMilliseconds)
    {
        var at = (atMilliseconds / 1000.0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var response = await http.GetAsync($"api/v1/query?query={Uri.EscapeDataString($"count_over_time(continuous_app_metric0[{range}])")}&time={at}");
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (!response.IsSuccessStatusCode) return $"{(int)response.StatusCode}: {doc.RootElement.GetProperty("error").GetString()}";
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 1 ? result[0].GetProperty("value")[1].GetString()! : $"{result.GetArrayLength()} series";
    }

    [Fact]
    public async Task DeepExaminationOfADirectoryBucketFindsEachFaultInItsBlock()
    {
        Directory.CreateDirectory(_dir.Combine("bucket"));
        using var bucket = new FileSystemBucket(_dir.Combine("bucket"));
        await AssertDeepFindsEachFault(bucket, _dir.Combine("data"));
    }

    /// <summary>Publishes one block per fault, each with its own external labels (cluster=the fault, so no two overlap), and checks that <c>Test-ThanosBucket -Deep</c>'s engine files each under its kind, and nothing else.</summary>
    internal static async Task AssertDeepFindsEachFault(IBucket bucket, string dataDirectory)
    {
        var blocks = WriteEachFault(dataDirectory);
        foreach (var fault in blocks.Keys)
        {
            await TestBlocks.UploadAsync(bucket, Path.Combine(dataDirectory, fault.ToString()), fault.ToString());
        }

        var shallow = await BucketDoctor.ExamineAsync(bucket, BucketSurvey.DefaultDeleteDelay, DateTimeOffset.UtcNow, 4, false, default);
        Assert.Empty(shallow.Findings);

        var deep = await BucketDoctor.ExamineAsync(bucket, BucketSurvey.DefaultDeleteDelay, DateTimeOffset.UtcNow, 4, true, default);
        Assert.Equal(blocks.Count, deep.Findings.Count);
        foreach (var (fault, issue, kind) in Expected.Select(row => ((BlockFault)row[0], (string)row[1], (BucketFindingKind)row[2])))
        {
            var finding = Assert.Single(deep.Findings, f => f.Blocks.Contains(blocks[fault].Meta.Id));
            Assert.Equal(kind, finding.Kind);
            Assert.Contains(issue, finding.Message);
            Assert.Equal(BlockMarkKind.NoCompact, finding.RecommendedMark);
        }
    }
}
