using System.Text.Json;
using ThanosLab.Engine;
using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Downsampling;

/// <summary>Whole blocks of continuous-365d-tiny downsampled: meta.json, content, the compactor's rules.</summary>
public class BlockDownsamplerTests : IClassFixture<DownsampledYearFixture>
{
    private readonly DownsampledYearFixture _fixture;

    public BlockDownsamplerTests(DownsampledYearFixture fixture) => _fixture = fixture;

    [Fact]
    public void TheCompactorsRulesPickNineBlocksFor5mAndFiveFor1h()
    {
        Assert.Equal(9, _fixture.Downsampled.FiveMinute.Count);
        Assert.Equal(5, _fixture.Downsampled.OneHour.Count);
        var twoHours = _fixture.Year.Blocks[0].Meta;
        Assert.Contains("spans 2 h", DownsampleResolution.WhyNotEligible(twoHours, DownsampleResolution.FiveMinutes));
        Assert.Contains("only from 40 h", DownsampleResolution.WhyNotEligible(twoHours, DownsampleResolution.FiveMinutes));
        Assert.Contains("resolution is raw", DownsampleResolution.WhyNotEligible(twoHours, DownsampleResolution.OneHour));
        var fiveMinute176h = _fixture.Downsampled.FiveMinute.First(b => b.Meta.MaxTime - b.Meta.MinTime < 200L * 3_600_000).Meta;
        Assert.Contains("only from 240 h", DownsampleResolution.WhyNotEligible(fiveMinute176h, DownsampleResolution.OneHour));
        Assert.Contains("resolution is 5m", DownsampleResolution.WhyNotEligible(fiveMinute176h, DownsampleResolution.FiveMinutes));
    }

    [Fact]
    public void MetaJsonIsWhatTheCompactorWrites()
    {
        foreach (var block in _fixture.Downsampled.FiveMinute.Concat(_fixture.Downsampled.OneHour))
        {
            var meta = BlockMetaJson.ReadFile(Path.Combine(block.Path, BlockMetaJson.FileName));
            Assert.Equal(BlockMetaJson.ToThanosJson(block.Meta), File.ReadAllText(Path.Combine(block.Path, BlockMetaJson.FileName)));
            Assert.NotEqual(block.Source.Id, meta.Id);
            Assert.Equal(Path.GetFileName(block.Path), meta.Id);
            Assert.Equal((block.Source.MinTime, block.Source.MaxTime), (meta.MinTime, meta.MaxTime));
            Assert.Equal(block.Source.Compaction.Sources, meta.Compaction.Sources);
            Assert.Equal(block.Source.Compaction.Level, meta.Compaction.Level);
            Assert.Equal(block.Source.Thanos!.Labels, meta.Thanos!.Labels);
            Assert.Equal(BlockDownsampler.CompactorSource, meta.Thanos.Source);
            Assert.Equal(DownsampleResolution.Of(block.Source) == 0 ? DownsampleResolution.FiveMinutes : DownsampleResolution.OneHour, meta.Thanos.DownsampleResolution);
            Assert.Equal(new[] { "000001" }, meta.Thanos.SegmentFiles);
            var files = meta.Thanos.Files.Select(f => (f.RelPath, f.SizeBytes)).ToArray();
            Assert.Equal(new (string, long?)[]
            {
                ("chunks/000001", new FileInfo(Path.Combine(block.Path, "chunks", "000001")).Length),
                ("index", new FileInfo(Path.Combine(block.Path, "index")).Length),
                ("meta.json", null),
            }, files);
            Assert.Equal(5UL, meta.Stats.NumSeries);
            Assert.EndsWith("}\n", File.ReadAllText(Path.Combine(block.Path, BlockMetaJson.FileName)));
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(block.Path, BlockMetaJson.FileName)));
            Assert.Equal("compactor", json.RootElement.GetProperty("thanos").GetProperty("source").GetString());
        }
        Assert.Empty(Directory.EnumerateDirectories(_fixture.Downsampled.Directory.Path, "*" + BlockWriter.TempSuffix, SearchOption.AllDirectories));
    }

    // Pinned from the downsampler's output before its speed work (the ported Thanos values and the
    // Prometheus oracle check the meaning; this checks that a faster downsampler writes the same bytes).
    [Fact]
    public void ChunkAndIndexFilesKeepTheirPinnedBytes()
    {
        Assert.Equal("B1440DF2B052D60892FAD0482D53881D136F433A640A95459E4F796437AF0B0E", FilesSha256(_fixture.Downsampled.FiveMinute));
        Assert.Equal("EFC313EEC2629EF4DA5E5FA46BE53C4FFEAC384346288AF0284669D9BFF3402D", FilesSha256(_fixture.Downsampled.OneHour));
    }

    // meta.json holds a new ULID on every run, so only the segment files and the index are hashed.
    private static string FilesSha256(IEnumerable<DownsampledBlock> blocks)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var block in blocks.OrderBy(b => b.Meta.MinTime))
        {
            sha.AppendData(File.ReadAllBytes(Path.Combine(block.Path, "chunks", "000001")));
            sha.AppendData(File.ReadAllBytes(Path.Combine(block.Path, "index")));
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    [Fact]
    public void EveryRawSampleIsCountedOnceAtEachResolution()
    {
        foreach (var block in _fixture.Downsampled.FiveMinute.Concat(_fixture.Downsampled.OneHour))
        {
            var raw = _fixture.Year.Blocks.Single(b => b.Meta.Compaction.Sources.SequenceEqual(block.Meta.Compaction.Sources)).Meta;
            Assert.Equal(raw.Stats.NumSamples, (ulong)SumOfCounts(block.Path));
            Assert.True(block.Meta.Stats.NumSamples < raw.Stats.NumSamples);
        }
        // 1608 h not aligned to the hour touch 1609 hours; a chunk that ends inside an hour (its last
        // window capped at its last sample) splits that hour between two chunks.
        var days67 = _fixture.Downsampled.OneHour[0].Meta;
        Assert.InRange(days67.Stats.NumSamples, 5UL * 1609, 5UL * 1609 + days67.Stats.NumChunks);
    }

    private static double SumOfCounts(string path)
    {
        using var reader = BlockReader.Open(path);
        double total = 0;
        foreach (var series in reader.Series())
        {
            foreach (var chunk in series.Chunks)
            {
                var samples = new AggregateChunkSamples();
                Assert.Null(samples.Load(reader.ReadRecord(chunk).Data, chunk.MinTime, chunk.MaxTime));
                var counts = samples.Samples(AggregateType.Count).Values;
                foreach (var c in counts) total += c;
                Assert.Equal(samples.Samples(AggregateType.Count).Timestamps[0], chunk.MinTime);
                Assert.Equal(samples.Samples(AggregateType.Count).Timestamps[^1], chunk.MaxTime);
            }
        }
        return total;
    }

    [Fact]
    public void ChunksAimAt140WindowsOrFewer()
    {
        using var reader = BlockReader.Open(_fixture.Downsampled.FiveMinute[^1].Path);
        foreach (var series in reader.Series())
        {
            var windows = series.Chunks.Select(c => { var s = new AggregateChunkSamples(); s.Load(reader.ReadRecord(c).Data, c.MinTime, c.MaxTime); return s.WindowCount; }).ToArray();
            Assert.True(windows.Average() <= AggregateWindows.TargetSamplesPerChunk + 1, string.Join(",", windows));
        }
    }

    [Fact]
    public void ABlockAlreadyAtTheTargetResolutionIsRefused()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<ThanosLabException>(() => new BlockDownsampler().Downsample(_fixture.Downsampled.FiveMinute[0].Path, DownsampleResolution.FiveMinutes, dir.Path));
        Assert.Equal("ResolutionNotLower", e.ErrorId);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void AnOutputDirectoryHoldingTheResultIsRefusedAndLeftAlone()
    {
        var done = _fixture.Downsampled.FiveMinute[0];
        var before = Directory.EnumerateDirectories(Path.GetDirectoryName(done.Path)!).Count();
        var rawPath = _fixture.Year.Blocks.Single(b => b.Meta.Id == done.Source.Id).Path;
        var e = Assert.Throws<ThanosLabException>(() => new BlockDownsampler().Downsample(rawPath, DownsampleResolution.FiveMinutes, Path.GetDirectoryName(done.Path)!));
        Assert.Equal("DownsampledBlockExists", e.ErrorId);
        Assert.Contains(done.Meta.Id, e.Message);
        Assert.Equal(before, Directory.EnumerateDirectories(Path.GetDirectoryName(done.Path)!).Count());
    }

    [Fact]
    public void VerifierFindsEveryDownsampledBlockHealthyAndCountsItsWindows()
    {
        foreach (var block in _fixture.Downsampled.FiveMinute.Concat(_fixture.Downsampled.OneHour))
        {
            var result = BlockVerifier.Verify(block.Path);
            Assert.True(result.IsHealthy, string.Join("\n", result.Issues));
            Assert.Equal((long)block.Meta.Stats.NumSamples, result.SamplesChecked);
        }
    }
}
