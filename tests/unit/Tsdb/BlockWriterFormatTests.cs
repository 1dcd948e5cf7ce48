using System.Buffers.Binary;
using System.Text;
using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Index;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Tombstones;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

/// <summary>Byte-exact checks of the writer side against formats.md.</summary>
public class BlockWriterFormatTests
{
    private const long T0 = 1700006400000;

    [Fact]
    public void Crc32CMatchesTheCheckValue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32C.Compute(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void VarintsMatchGo()
    {
        var b = new EncodingBuffer();
        b.PutVarint(T0);
        b.PutUvarint(15000);
        Assert.Equal(Convert.FromHexString("80c0b884fa629875"), b.Span.ToArray());
    }

    [Fact]
    public void XorWorkedExampleIsByteExact()
    {
        var e = new XorChunkEncoder();
        e.Append(T0, 1);
        e.Append(T0 + 15000, 2);
        e.Append(T0 + 30000, 3);
        e.Append(T0 + 45001, 3);
        Assert.Equal(Convert.FromHexString("0004" + "80c0b884fa62" + "3ff0000000000000" + "9875" + "c25fff6c070002"), e.Bytes.ToArray());
    }

    [Fact]
    public void OneSampleChunkKeepsTheSpareByte()
    {
        var e = new XorChunkEncoder();
        e.Append(1000, 1.0);
        Assert.Equal(Convert.FromHexString("0001d00f3ff0" + "00000000000000"), e.Bytes.ToArray());
        Assert.Equal(13, e.Bytes.Length);
    }

    [Fact]
    public void TwoEqualSamplesEncodeInNineteenBytes()
    {
        var e = new XorChunkEncoder();
        e.Append(T0, 1);
        e.Append(T0 + 15000, 1);
        Assert.Equal(Convert.FromHexString("000280c0b884fa623ff0000000000000987500"), e.Bytes.ToArray());
    }

    [Fact]
    public void ResetStartsAFreshChunk()
    {
        var e = new XorChunkEncoder();
        e.Append(5, 7.5);
        e.Append(9, -1);
        e.Reset();
        e.Append(1000, 1.0);
        Assert.Equal(Convert.FromHexString("0001d00f3ff0000000000000" + "00"), e.Bytes.ToArray());
    }

    [Theory]
    [InlineData(8192, "10")]
    [InlineData(-8191, "10")]
    [InlineData(-8192, "110")]
    [InlineData(65536, "110")]
    [InlineData(-65536, "1110")]
    [InlineData(524288, "1110")]
    [InlineData(524289, "1111")]
    public void DeltaOfDeltaBucketsAreAsymmetric(long dod, string prefix)
    {
        var e = new XorChunkEncoder();
        e.Append(0, 1);
        e.Append(1_000_000, 1);
        e.Append(2_000_000 + dod, 1);
        // The third sample's bits start right after the second sample's single value bit.
        var bytes = e.Bytes.ToArray();
        var bits = string.Concat(bytes.Select(b => Convert.ToString(b, 2).PadLeft(8, '0')));
        // header, varint(0), value, then uvarint(1e6) starting in the spare byte; the value bit 0 opens the next spare byte.
        var secondEnd = (2 + 1 + 8 + 3) * 8;
        Assert.StartsWith(prefix, bits[(secondEnd + 1)..]);
    }

    [Fact]
    public void EmptyTombstonesAreNineBytes()
    {
        Assert.Equal(Convert.FromHexString("0130ba300100000000"), TombstonesFile.Empty());
    }

    [Fact]
    public void IndexExampleOfSection79HasPromtoolsLayout()
    {
        using var dir = new TempDirectory();
        var path = WriteSection79Example(dir.Path);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(471, bytes.Length);
        Assert.Equal(Convert.FromHexString("baaad70002"), bytes[..5]);
        Assert.Equal(0x23u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)));
        Assert.Equal(Convert.FromHexString("0e020306040101"), bytes[0x30..0x37]);
        Assert.Equal(Convert.FromHexString("0008"), bytes[0x3d..0x3f]);
        var toc = bytes.AsSpan(bytes.Length - 52);
        ulong[] expected = { 5, 0x30, 0x83, 0x138, 0xc8, 0x15a };
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(expected[i], BinaryPrimitives.ReadUInt64BigEndian(toc[(i * 8)..]));
        }
        Assert.Equal(Crc32C.Compute(toc[..48]), BinaryPrimitives.ReadUInt32BigEndian(toc[48..]));
    }

    [SkippableFact]
    public void Section79ExampleIsByteForByteWhatPromtoolWrites()
    {
        var promtool = Requires.Tool("promtool", "apt-get install prometheus");
        using var dir = new TempDirectory();
        var input = dir.Combine("in.om");
        File.WriteAllText(input, "m{a=\"1\"} 1 1700006400.000\nm{a=\"2\",b=\"x\"} 1 1700006400.000\nm{a=\"2\",b=\"x\"} 1 1700006415.000\nzz_total{a=\"1\"} 1 1700006400.000\n# EOF\n");
        var start = new System.Diagnostics.ProcessStartInfo(promtool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "tsdb", "create-blocks-from", "openmetrics", input, dir.Combine("promtool") }) start.ArgumentList.Add(a);
        using (var p = System.Diagnostics.Process.Start(start)!)
        {
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, output);
        }
        var theirs = Assert.Single(Directory.GetDirectories(dir.Combine("promtool")));
        var ours = Directory.CreateDirectory(dir.Combine("ours")).FullName;
        WriteSection79Example(ours);
        Assert.Equal(File.ReadAllBytes(Path.Combine(theirs, "index")), File.ReadAllBytes(Path.Combine(ours, "index")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(theirs, "chunks", "000001")), File.ReadAllBytes(Path.Combine(ours, "chunks", "000001")));
    }

    // formats.md §7.9: {__name__="m",a="1"} (1 sample), {__name__="m",a="2",b="x"} (2), {__name__="zz_total",a="1"} (1), all values 1.
    private static string WriteSection79Example(string directory)
    {
        var chunksDir = Directory.CreateDirectory(Path.Combine(directory, "chunks")).FullName;
        using var chunks = new ChunkSegmentWriter(chunksDir);
        var series = new (LabelSet Labels, long[] Times)[]
        {
            (Labels(("__name__", "m"), ("a", "1")), new[] { T0 }),
            (Labels(("__name__", "m"), ("a", "2"), ("b", "x")), new[] { T0, T0 + 15000 }),
            (Labels(("__name__", "zz_total"), ("a", "1")), new[] { T0 }),
        };
        var path = Path.Combine(directory, "index");
        using (var index = new IndexWriter(path))
        {
            index.AddSymbols(series.SelectMany(s => s.Labels).SelectMany(l => new[] { l.Name, l.Value }));
            foreach (var (labels, times) in series)
            {
                var e = new XorChunkEncoder();
                foreach (var t in times) e.Append(t, 1);
                var refs = new ulong[1];
                chunks.WriteSeries(e.Bytes, new[] { e.Bytes.Length }, refs);
                index.AddSeries(labels, new[] { new SeriesChunk(times[0], times[^1], refs[0]) });
            }
            index.Complete();
        }
        chunks.Complete();
        return path;
    }

    [Fact]
    public void IndexWriterRefusesSeriesOutOfOrder()
    {
        using var dir = new TempDirectory();
        using var index = new IndexWriter(dir.Combine("index"));
        index.AddSymbols(new[] { "__name__", "a", "b" });
        index.AddSeries(Labels(("__name__", "b")), new[] { new SeriesChunk(1, 2, 8) });
        Assert.Throws<ArgumentException>(() => index.AddSeries(Labels(("__name__", "a")), new[] { new SeriesChunk(1, 2, 8) }));
        Assert.Throws<InvalidOperationException>(() => index.AddSymbols(new[] { "c" }));
    }

    [Theory]
    // Each 30-byte chunk is estimated at 40 bytes (5-byte length field); 44 bytes are on file 1 before the second series.
    [InlineData(80, new[] { "000001", "000002", "000003" }, new ulong[] { (1UL << 32) | 8, (2UL << 32) | 8 }, 44)]
    [InlineData(100, new[] { "000001", "000002" }, new ulong[] { 44, (1UL << 32) | 8 }, 80)]
    [InlineData(200, new[] { "000001" }, new ulong[] { 44, 80 }, 116)]
    public void SegmentWriterCutsFilesByPrometheusRule(long segmentSize, string[] files, ulong[] expectedRefs, long firstFileLength)
    {
        using var dir = new TempDirectory();
        using var chunks = new ChunkSegmentWriter(dir.Path, segmentSize);
        var refs = new ulong[2];
        chunks.WriteSeries(new byte[30], new[] { 30 }, refs.AsSpan(0, 1));
        Assert.Equal(8UL, refs[0]);
        chunks.WriteSeries(new byte[60], new[] { 30, 30 }, refs);
        chunks.Complete();
        Assert.Equal(files, chunks.SegmentFiles);
        Assert.Equal(expectedRefs, refs);
        Assert.Equal(firstFileLength, new FileInfo(Path.Combine(dir.Path, "000001")).Length);
    }

    private static LabelSet Labels(params (string Name, string Value)[] labels) =>
        LabelSet.Create(labels.Select(l => new Label(l.Name, l.Value)));
}
