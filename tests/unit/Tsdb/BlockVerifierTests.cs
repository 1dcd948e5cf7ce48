using System.Buffers.Binary;
using System.Text;
using ThanosLab.Engine;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Index;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

/// <summary>
/// BlockVerifier on healthy blocks and on copies with one region corrupted: each corruption must be
/// reported as the specific issue, and no corruption may make the verifier throw.
/// </summary>
public sealed class BlockVerifierTests : IDisposable
{
    private const long T0 = 1_700_000_000_000;
    private readonly TempDirectory _dir = new();
    private readonly GeneratedBlock _block;

    public BlockVerifierTests() => _block = BlockGenerator.Generate(BlockReaderTests.MixedSpec(), _dir.Path);

    public void Dispose() => _dir.Dispose();

    private string IndexPath => Path.Combine(_block.Path, "index");

    private string SegmentPath => Path.Combine(_block.Path, "chunks", "000001");

    private string MetaPath => Path.Combine(_block.Path, "meta.json");

    private IndexToc Toc()
    {
        using var index = IndexReader.Open(IndexPath, new List<BlockIssue>())!;
        return index.Toc;
    }

    private static void Flip(string path, long offset, byte mask = 0xFF)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= mask;
        File.WriteAllBytes(path, bytes);
    }

    private static void Truncate(string path, long length)
    {
        using var fs = new FileStream(path, FileMode.Open);
        fs.SetLength(length);
    }

    private BlockIssue SingleIssue(string file, string message)
    {
        var result = BlockVerifier.Verify(_block.Path);
        Assert.False(result.IsHealthy);
        var matching = result.Issues.Where(i => i.File == file && i.Message.Contains(message, StringComparison.Ordinal)).ToList();
        Assert.True(matching.Count >= 1, $"no '{message}' issue in {file}; got:\n{string.Join("\n", result.Issues)}");
        return matching[0];
    }

    [Fact]
    public void GeneratedBlockIsHealthyAndFullyCounted()
    {
        var result = BlockVerifier.Verify(_block.Path);
        Assert.True(result.IsHealthy, string.Join("\n", result.Issues));
        Assert.Equal(_block.Meta.Id, result.Id);
        Assert.Equal((long)_block.Meta.Stats.NumSeries, result.SeriesChecked);
        Assert.Equal((long)_block.Meta.Stats.NumChunks, result.ChunksChecked);
        Assert.Equal((long)_block.Meta.Stats.NumSamples, result.SamplesChecked);
    }

    [Fact]
    public void CancellationStopsTheVerification()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => BlockVerifier.Verify(_block.Path, cts.Token));
    }

    [Fact]
    public void MissingDirectoryIsAnErrorNotAnIssue()
    {
        var e = Assert.Throws<ThanosLabException>(() => BlockVerifier.Verify(_dir.Combine("nope")));
        Assert.Equal("BlockNotFound", e.ErrorId);
    }

    [Fact]
    public void IndexTocFlipIsATocCrcMismatch()
    {
        var length = new FileInfo(IndexPath).Length;
        Flip(IndexPath, length - 30);
        var issue = SingleIssue("index", "TOC CRC32C mismatch");
        Assert.Equal(length - 52, issue.Offset);
    }

    [Fact]
    public void WrongIndexMagicIsNamed()
    {
        Flip(IndexPath, 0);
        Assert.Equal(0, SingleIssue("index", "is not the index magic 0xBAAAD700").Offset);
    }

    [Fact]
    public void TruncatedIndexIsReported()
    {
        Truncate(IndexPath, new FileInfo(IndexPath).Length - 100);
        SingleIssue("index", "TOC CRC32C mismatch");
        Truncate(IndexPath, 3);
        SingleIssue("index", "shorter than its 5-byte header");
    }

    [Fact]
    public void SymbolTableFlipIsASymbolCrcMismatch()
    {
        Flip(IndexPath, Toc().Symbols + 10, 0x01);
        Assert.Equal(5, SingleIssue("index", "the symbol table CRC32C mismatch").Offset);
    }

    [Fact]
    public void SeriesEntryFlipIsNamedAndItsPostingsDangle()
    {
        var first = IndexReader.AlignSeries(Toc().Series);
        Flip(IndexPath, first + 3, 0x01);
        Assert.Equal(first, SingleIssue("index", "series entry CRC32C mismatch").Offset);
        SingleIssue("index", $"references series {first / 16} (offset {first}), which is not a series entry");
        SingleIssue("meta.json", "stats.numSeries is 7 but the index holds 6 series");
    }

    [Fact]
    public void PostingsFlipIsAPostingsCrcMismatch()
    {
        var toc = Toc();
        // The all-postings list is the first list: 4-byte length, then its count and refs.
        var at = (toc.Postings + 3) / 4 * 4;
        Flip(IndexPath, at + 9, 0x10);
        SingleIssue("index", "the all-postings list CRC32C mismatch");
    }

    [Fact]
    public void UnsortedPostingsOffsetTableIsNamed()
    {
        // Swap two entries' values by rewriting the table with a valid CRC: sorted order is a rule of its own.
        var bytes = File.ReadAllBytes(IndexPath);
        var toc = Toc();
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)toc.PostingsOffsetTable));
        var body = bytes.AsSpan((int)toc.PostingsOffsetTable + 4, length);
        var text = Encoding.Latin1.GetString(body);
        var a = text.IndexOf("gauge_metric", StringComparison.Ordinal);
        var r = text.IndexOf("random_metric", StringComparison.Ordinal);
        Assert.True(a > 0 && r > 0);
        // Same length names would be needed for a byte swap; instead make the first "counter_total" sort last.
        var c = text.IndexOf("counter_total", StringComparison.Ordinal);
        body[c] = (byte)'z';
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan((int)toc.PostingsOffsetTable + 4 + length), Crc32C.Compute(body));
        File.WriteAllBytes(IndexPath, bytes);
        SingleIssue("index", "entries must be sorted and unique");
        SingleIssue("index", "names a label that is not in the symbol table");
    }

    /// <summary>Rewrites the refs of one postings list (same count) with a valid CRC, so only the list's content is wrong.</summary>
    private uint[] RewritePostings(string name, string value, Func<uint[], uint[]> change)
    {
        long offset;
        using (var index = IndexReader.Open(IndexPath, new List<BlockIssue>())!)
        {
            offset = index.PostingsOffsets.Single(p => p.Name == name && p.Value == value).Offset;
        }
        var bytes = File.ReadAllBytes(IndexPath);
        var body = bytes.AsSpan((int)offset + 4, (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)offset)));
        var refs = new uint[BinaryPrimitives.ReadUInt32BigEndian(body)];
        for (var i = 0; i < refs.Length; i++) refs[i] = BinaryPrimitives.ReadUInt32BigEndian(body[(4 + 4 * i)..]);
        var changed = change(refs);
        Assert.Equal(refs.Length, changed.Length);
        for (var i = 0; i < changed.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(body[(4 + 4 * i)..], changed[i]);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan((int)offset + 4 + body.Length), Crc32C.Compute(body));
        File.WriteAllBytes(IndexPath, bytes);
        return refs;
    }

    private uint[] SeriesRefsOf(string metric)
    {
        using var reader = BlockReader.Open(_block.Path);
        return reader.Series().Where(s => s.Labels.Get("__name__") == metric).Select(s => s.Ref).ToArray();
    }

    [Fact]
    public void PostingsListingOtherSeriesEntriesIsNamed()
    {
        // Every reference is a series entry, so only the comparison with the series' labels can find it.
        var gauges = SeriesRefsOf("gauge_metric");
        RewritePostings("__name__", "counter_total", refs => refs.Select((r, i) => i == 0 ? gauges.Where(g => g < refs[1]).Max() : r).ToArray());
        SingleIssue("index", "the postings list of __name__=\"counter_total\" holds 2 series, but 2 series entries have that label");
    }

    [Fact]
    public void PostingsReferencingNoSeriesEntryIsNamed()
    {
        var refs = RewritePostings("job", "test", r => r.Select((x, i) => i == r.Length - 1 ? x + 1 : x).ToArray());
        SingleIssue("index", $"the postings list of job=\"test\" references series {refs[^1] + 1} (offset {16L * (refs[^1] + 1)}), which is not a series entry");
    }

    [Fact]
    public void DescendingPostingsAreNamed()
    {
        RewritePostings("job", "test", r => r.Reverse().ToArray());
        SingleIssue("index", "the postings list of job=\"test\" is not in ascending order at position 1");
    }

    [Fact]
    public void WithoutDecodingAHealthyBlockCountsTheSamplesItsChunksAnnounce()
    {
        var result = BlockVerifier.Verify(_block.Path, decodeSamples: false);
        Assert.True(result.IsHealthy, string.Join("\n", result.Issues));
        Assert.False(result.SamplesDecoded);
        Assert.True(BlockVerifier.Verify(_block.Path).SamplesDecoded);
        Assert.Equal((long)_block.Meta.Stats.NumSamples, result.SamplesChecked);
        Assert.Equal((long)_block.Meta.Stats.NumChunks, result.ChunksChecked);
    }

    [Fact]
    public void WithoutDecodingDamagedBytesAndWrongCountsAreStillFound()
    {
        Flip(SegmentPath, 8 + 2 + 5, 0x04);
        Assert.Contains(BlockVerifier.Verify(_block.Path, decodeSamples: false).Issues, i => i.Message.Contains("chunk CRC32C mismatch", StringComparison.Ordinal));
        Flip(SegmentPath, 8 + 2 + 5, 0x04);
        // One sample more in the first chunk's header, under a valid CRC: the announced samples no longer add up to the stats.
        RewriteFirstRecord(record => BinaryPrimitives.WriteUInt16BigEndian(record[1..], (ushort)(BinaryPrimitives.ReadUInt16BigEndian(record[1..]) + 1)));
        var result = BlockVerifier.Verify(_block.Path, decodeSamples: false);
        Assert.Contains(result.Issues, i => i.File == "meta.json" && i.Message.Contains($"stats.numSamples is {_block.Meta.Stats.NumSamples} but", StringComparison.Ordinal));
        Assert.Equal((long)_block.Meta.Stats.NumSamples + 1, result.SamplesChecked);
    }

    [Fact]
    public void OnlyDecodingFindsABitStreamWrittenWrongUnderAValidCrc()
    {
        // What a buggy writer leaves: a bit stream that does not hold what the index says, with a CRC that matches it.
        // Here the first timestamp's varint (after the encoding byte and the 2-byte count) is off by one millisecond.
        RewriteFirstRecord(record => record[3] ^= 0x02);
        Assert.True(BlockVerifier.Verify(_block.Path, decodeSamples: false).IsHealthy);
        var decoded = BlockVerifier.Verify(_block.Path);
        Assert.Contains(decoded.Issues, i => i.File == "chunks/000001" && i.Message.StartsWith("chunk 0 holds samples from ", StringComparison.Ordinal) && i.Message.Contains("but the index says", StringComparison.Ordinal));
    }

    [Fact]
    public void ChunkDataFlipIsAChunkCrcMismatchNamingTheSeries()
    {
        Flip(SegmentPath, 8 + 2 + 5, 0x04);
        var issue = SingleIssue("chunks/000001", "chunk CRC32C mismatch");
        Assert.Equal(8, issue.Offset);
        Assert.StartsWith("{__blockgen_target__=\"1\", __name__=\"counter_total\"", issue.Series);
    }

    [Fact]
    public void ChunkCrcFlipIsAChunkCrcMismatch()
    {
        using (var reader = BlockReader.Open(_block.Path))
        {
            var first = reader.Series().First().Chunks[0];
            Assert.True(reader.Chunks.TryRead(first.Ref, out var record, out _));
            Flip(SegmentPath, record.Offset + record.RecordLength - 1, 0x01);
        }
        SingleIssue("chunks/000001", "chunk CRC32C mismatch");
    }

    [Fact]
    public void TruncatedSegmentIsReportedPerChunkAndInTheStats()
    {
        var length = new FileInfo(SegmentPath).Length;
        Truncate(SegmentPath, length / 2);
        SingleIssue("chunks/000001", $"segment");
        var result = BlockVerifier.Verify(_block.Path);
        Assert.Contains(result.Issues, i => i.Message.Contains("runs past the end of the", StringComparison.Ordinal) || i.Message.Contains("outside the records", StringComparison.Ordinal));
        Truncate(SegmentPath, 4);
        SingleIssue("chunks/000001", "shorter than its 8-byte header");
    }

    /// <summary>Changes the first chunk record (its encoding byte, then its data) and recomputes its CRC, so only what was changed is wrong.</summary>
    private void RewriteFirstRecord(Action<Span<byte>> change)
    {
        var bytes = File.ReadAllBytes(SegmentPath);
        var d = new DecodingBuffer(bytes.AsSpan(8));
        var length = (int)d.Uvarint();
        var at = 8 + d.Position;
        change(bytes.AsSpan(at, 1 + length));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at + 1 + length), Crc32C.Compute(bytes.AsSpan(at, 1 + length)));
        File.WriteAllBytes(SegmentPath, bytes);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(7, true)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    public void UnknownChunkEncodingsAreIssuesKnownOnesAreNot(byte encoding, bool unknown)
    {
        RewriteFirstRecord(record => record[0] = encoding);
        var result = BlockVerifier.Verify(_block.Path);
        Assert.Equal(unknown, result.Issues.Any(i => i.Message.Contains($"has encoding {encoding}, which is none of", StringComparison.Ordinal)));
        // An XOR payload under a histogram encoding is decoded as a histogram chunk, and its bytes do not make one.
        Assert.Equal(!unknown, result.Issues.Any(i => i.Message.StartsWith("histogram chunk 0:", StringComparison.Ordinal)));
        Assert.False(result.IsHealthy);
        Assert.True(result.SamplesChecked < (long)_block.Meta.Stats.NumSamples);
    }

    [Fact]
    public void XorChunkWhoseTimestampsDoNotIncreaseIsReported()
    {
        Assert.DoesNotContain(BlockVerifier.Verify(_block.Path).Issues, i => i.Message.Contains("do not increase", StringComparison.Ordinal));
        // The first delta becomes 0, written in as many varint bytes as before: sample 2 repeats sample 1's timestamp.
        RewriteFirstRecord(record =>
        {
            var d = new DecodingBuffer(record[1..]);
            d.Skip(2);
            d.Varint();
            d.Skip(8);
            var at = 1 + d.Position;
            d.Uvarint();
            var width = 1 + d.Position - at;
            Assert.True(width > 1, "the generated first delta is above 127");
            record.Slice(at, width - 1).Fill(0x80);
            record[at + width - 1] = 0;
        });
        SingleIssue("chunks/000001", "chunk 0 has sample timestamps that do not increase");
    }

    [Fact]
    public void WrongSegmentMagicIsNamed()
    {
        Flip(SegmentPath, 1);
        SingleIssue("chunks/000001", "is not the chunk segment magic 0x85BD40DD");
    }

    [Fact]
    public void MissingChunksDirectoryIsReported()
    {
        Directory.Delete(Path.Combine(_block.Path, "chunks"), recursive: true);
        SingleIssue("chunks", "the chunks directory is missing");
    }

    [Fact]
    public void BadOrMissingMetaJsonIsReported()
    {
        File.WriteAllText(MetaPath, "{ \"version\": 1, \"ulid\": ");
        SingleIssue("meta.json", "is not valid JSON");
        File.Delete(MetaPath);
        SingleIssue("meta.json", "meta.json is missing");
    }

    [Fact]
    public void MetaRangeAndStatsAreCheckedAgainstTheContent()
    {
        var meta = _block.Meta with
        {
            MaxTime = _block.Meta.MaxTime - 1,
            Stats = _block.Meta.Stats with { NumSamples = _block.Meta.Stats.NumSamples + 1 },
        };
        File.WriteAllText(MetaPath, BlockMetaJson.ToThanosJson(meta));
        var issue = SingleIssue("index", $"is not inside the block range [{meta.MinTime}, {meta.MaxTime}) of meta.json");
        Assert.NotNull(issue.Series);
        SingleIssue("meta.json", $"stats.numSamples is {meta.Stats.NumSamples} but the chunks hold {meta.Stats.NumSamples - 1} samples");
    }

    [Fact]
    public void CorruptTombstonesAreReported()
    {
        File.WriteAllBytes(Path.Combine(_block.Path, "tombstones"), Convert.FromHexString("0130ba300100000001"));
        SingleIssue("tombstones", "CRC32C mismatch");
        File.WriteAllBytes(Path.Combine(_block.Path, "tombstones"), Convert.FromHexString("0130ba31010000000000"));
        SingleIssue("tombstones", "is not the tombstones magic");
    }

    [Fact]
    public void DirectoryNameMustMatchTheUlid()
    {
        var moved = _dir.Combine("01AAAAAAAAAAAAAAAAAAAAAAAA");
        Directory.Move(_block.Path, moved);
        var result = BlockVerifier.Verify(moved);
        Assert.Contains(result.Issues, i => i.Message.Contains("differs from the directory name", StringComparison.Ordinal));
    }

    [Fact]
    public void NoSingleByteFlipOrTruncationMakesTheVerifierThrow()
    {
        // A smaller block keeps this exhaustive: every index byte flipped, every truncation of index and segment.
        using var dir = new TempDirectory();
        var block = SmallBlock(dir, LabelSet.Empty);
        Assert.True(BlockVerifier.Verify(block.Path).IsHealthy);
        foreach (var file in new[] { "index", Path.Combine("chunks", "000001") })
        {
            var path = Path.Combine(block.Path, file);
            var original = File.ReadAllBytes(path);
            for (var i = 0; i < original.Length; i += file == "index" ? 1 : 37)
            {
                var copy = (byte[])original.Clone();
                copy[i] ^= 0x5A;
                File.WriteAllBytes(path, copy);
                var result = BlockVerifier.Verify(block.Path);
                Assert.False(result.IsHealthy, $"flipping {file} byte {i} went unnoticed");
                File.WriteAllBytes(path, original[..i]);
                Assert.False(BlockVerifier.Verify(block.Path).IsHealthy, $"truncating {file} to {i} bytes went unnoticed");
            }
            File.WriteAllBytes(path, original);
        }
    }

    private static GeneratedBlock SmallBlock(TempDirectory dir, LabelSet external)
    {
        var labels = LabelSet.Create(new[] { new Label("__name__", "m") });
        var spec = new BlockSpec(T0, T0 + 3 * 3600_000, external,
            new[] { new SeriesSpec(labels, 3, SeriesType.Gauge, T0, T0 + 3 * 3600_000, SeriesCharacteristics.ProfileDefault) });
        return BlockGenerator.Generate(spec, dir.Path);
    }

    [Fact]
    public void EveryMetaJsonByteFlipAndTruncationIsReportedOrReadsAsAnotherValidMeta()
    {
        using var dir = new TempDirectory();
        var block = SmallBlock(dir, LabelSet.Create(new[] { new Label("cluster", "eu1") }));
        var metaPath = Path.Combine(block.Path, "meta.json");
        // A flip inside a label value or the source still gives valid JSON of the right types; every
        // other flip, and every cut short of the trailing newline, must be an issue naming meta.json.
        var original = File.ReadAllBytes(metaPath);
        var expected = BlockMetaJson.ToThanosJson(BlockMetaJson.Parse(original, "original"));
        Assert.EndsWith("}\n", Encoding.UTF8.GetString(original));
        for (var i = 0; i < original.Length; i++)
        {
            var copy = (byte[])original.Clone();
            copy[i] ^= 0x5A;
            File.WriteAllBytes(metaPath, copy);
            var result = BlockVerifier.Verify(block.Path);
            if (ParsesAsMeta(copy) is { } meta)
            {
                // Only the labels, the source, the whole Thanos section or a source ULID (nothing to check
                // it against) may differ unnoticed.
                var same = meta.Thanos is null || BlockMetaJson.ToThanosJson(meta with
                {
                    Compaction = meta.Compaction with { Sources = meta.Compaction.Sources.Count == 1 ? block.Meta.Compaction.Sources : meta.Compaction.Sources },
                    Thanos = meta.Thanos with { Labels = block.Meta.Thanos!.Labels, Source = block.Meta.Thanos.Source },
                }) == expected;
                Assert.True(same || !result.IsHealthy, $"flipping meta.json byte {i} ('{(char)original[i]}') changed something the verifier did not notice");
            }
            else
            {
                Assert.Contains(result.Issues, x => x.File == "meta.json");
            }
            if (i < original.Length - 1)
            {
                File.WriteAllBytes(metaPath, original[..i]);
                Assert.Contains(BlockVerifier.Verify(block.Path).Issues, x => x.File == "meta.json");
            }
        }
        File.WriteAllBytes(metaPath, original);
        Assert.True(BlockVerifier.Verify(block.Path).IsHealthy);
    }

    private static BlockMeta? ParsesAsMeta(byte[] json)
    {
        try
        {
            return BlockMetaJson.Parse(json, "flipped");
        }
        catch (ThanosLabException)
        {
            return null;
        }
    }

    [Theory]
    [InlineData("\"level\": 1", "\"level\": 0", "compaction.level 0")]
    [InlineData("\"resolution\": 0", "\"resolution\": 1000", "thanos.downsample.resolution 1000")]
    public void MetaValuesNoWriterProducesAreIssues(string from, string to, string mention)
    {
        File.WriteAllText(MetaPath, File.ReadAllText(MetaPath).Replace(from, to, StringComparison.Ordinal));
        SingleIssue("meta.json", mention);
    }
}
