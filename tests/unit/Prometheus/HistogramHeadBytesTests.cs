using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Text;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Histograms;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Prometheus;

/// <summary>
/// Byte for byte against Prometheus 2.42's own head: the same histograms remote-written into a real
/// Prometheus (native histograms enabled) and snapshotted into a block give exactly the chunks
/// <see cref="HistogramHeadAppender"/> and <see cref="HistogramChunkEncoder"/> write: the same cuts,
/// headers, layouts, recodes and bits.
/// </summary>
public sealed class HistogramHeadBytesTests
{
    private const long TwoHours = 7_200_000;

    [SkippableTheory]
    [InlineData(SeriesType.Histogram)]
    [InlineData(SeriesType.FloatHistogram)]
    public async Task PrometheusWritesTheSameChunksForGeneratedSeries(SeriesType type)
    {
        var floatCounts = type == SeriesType.FloatHistogram;
        // 600 samples over 2.5 hours up to a few minutes ago: a chunk range boundary, new buckets and a reset or two.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000;
        var start = now - 600 * 15_000 - 60_000;
        var shape = HistogramShape.Default with { Buckets = 20 };
        var generator = (LatencyHistogramGenerator)SampleGenerator.Create(type, new GoRandom(42), start, start + 599 * 15_000,
            SeriesCharacteristics.ProfileDefault with { ChangeInterval = TimeSpan.FromMinutes(5) }, shape);
        var samples = new List<(long T, NativeHistogram H)>();
        while (generator.Next())
        {
            samples.Add((generator.Time, generator.Histogram));
        }
        await AssertPrometheusWritesTheSameChunks(samples, floatCounts, gauge: floatCounts);
    }

    /// <summary>Random histograms with counter resets, schema changes, negative buckets and buckets that come and go.</summary>
    [SkippableTheory]
    [InlineData(false, false, 1)]
    [InlineData(true, false, 2)]
    [InlineData(false, true, 3)]
    [InlineData(true, true, 4)]
    public async Task PrometheusWritesTheSameChunksForRandomSeries(bool floatCounts, bool gauge, int seed)
    {
        // Remote write takes a float histogram with no count and no zero count for an integer one.
        var samples = ThanosLab.Tests.Tsdb.HistogramChunkTests.RandomSeries(seed, floatCounts, gauge, 700)
            .Where(s => !floatCounts || s.H.Count > 0 || s.H.ZeroCount > 0).ToList();
        await AssertPrometheusWritesTheSameChunks(samples, floatCounts, gauge);
    }

    private static async Task AssertPrometheusWritesTheSameChunks(List<(long T, NativeHistogram H)> samples, bool floatCounts, bool gauge)
    {

        // Prometheus re-encodes the head's open chunk into the snapshot, and 2.42 does so with the
        // counter rules (a gauge fails) and without the chunk's header. So the samples end with the
        // first sample of a chunk: that one-sample chunk re-encodes to the same bytes but its header.
        var all = Chunks(samples, floatCounts, gauge);
        samples = samples.Take(samples.Count - BinaryPrimitives.ReadUInt16BigEndian(all[^1]) + 1).ToList();
        var expected = Chunks(samples, floatCounts, gauge);
        Assert.True(expected.Count >= 3, $"{expected.Count} chunks");

        using var prometheus = await PrometheusProcess.StartAsync(Array.Empty<string>(), extraArguments: new[]
        {
            "--enable-feature=native-histograms", "--web.enable-remote-write-receiver", "--web.enable-admin-api",
        });
        using var http = new HttpClient { BaseAddress = prometheus.Endpoint, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var batch in samples.Chunk(100))
        {
            var body = new ByteArrayContent(Snappy(WriteRequest("latency_seconds", batch, floatCounts, gauge)));
            body.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            body.Headers.ContentEncoding.Add("snappy");
            using var answer = await http.PostAsync("api/v1/write", body);
            Assert.True(answer.IsSuccessStatusCode, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}\n{prometheus.Log}");
        }
        using var snapshot = await http.PostAsync("api/v1/admin/tsdb/snapshot", null);
        var json = await snapshot.Content.ReadAsStringAsync();
        Assert.True(snapshot.IsSuccessStatusCode, json);
        var name = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("data").GetProperty("name").GetString()!;
        // The snapshot cuts the head into 2 h blocks; no chunk crosses a 2 h boundary (the head's chunk range).
        var written = new List<byte[]>();
        foreach (var block in Directory.GetDirectories(Path.Combine(prometheus.DataPath, "snapshots", name)).Order())
        {
            using var reader = BlockReader.Open(block);
            var series = Assert.Single(reader.Series());
            written.AddRange(series.Chunks.Select(c =>
            {
                var record = reader.ReadRecord(c);
                Assert.Equal(floatCounts ? HistogramChunkEncoder.FloatHistogramEncoding : HistogramChunkEncoder.HistogramEncoding, record.Encoding);
                return record.Data.ToArray();
            }));
        }
        Assert.Equal(expected.Count, written.Count);
        Assert.Equal((byte)CounterResetHeader.Unknown, written[^1][2]);
        written[^1][2] = expected[^1][2];
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].AsSpan().SequenceEqual(written[i]), $"chunk {i} of {expected.Count} differs: ours {Convert.ToHexString(expected[i])[..Math.Min(80, expected[i].Length * 2)]}, Prometheus' {Convert.ToHexString(written[i])[..Math.Min(80, written[i].Length * 2)]}");
        }
    }

    private static List<byte[]> Chunks(IEnumerable<(long T, NativeHistogram H)> samples, bool floatCounts, bool gauge)
    {
        var chunks = new List<byte[]>();
        var head = new HistogramHeadAppender(TwoHours, floatCounts, gauge, c => chunks.Add(c.Bytes.ToArray()));
        foreach (var (t, h) in samples)
        {
            head.Append(t, h);
        }
        head.Flush();
        return chunks;
    }

    // prompb.WriteRequest { timeseries = 1 } with one TimeSeries { labels = 1, histograms = 4 }.
    private static byte[] WriteRequest(string name, IEnumerable<(long T, NativeHistogram H)> samples, bool floatCounts, bool gauge)
    {
        var series = new MemoryStream();
        Field(series, 1, Message(m => { Field(m, 1, Encoding.UTF8.GetBytes("__name__")); Field(m, 2, Encoding.UTF8.GetBytes(name)); }));
        foreach (var (t, h) in samples)
        {
            Field(series, 4, Message(m =>
            {
                if (floatCounts)
                {
                    Fixed(m, 2, h.Count);
                }
                else
                {
                    Varint(m, 1, (ulong)h.Count);
                }
                Fixed(m, 3, h.Sum);
                Varint(m, 4, ZigZag(h.Schema));
                Fixed(m, 5, h.ZeroThreshold);
                if (floatCounts)
                {
                    Fixed(m, 7, h.ZeroCount);
                }
                else
                {
                    Varint(m, 6, (ulong)h.ZeroCount);
                }
                Buckets(m, 8, h.NegativeSpans, h.NegativeBuckets, floatCounts);
                Buckets(m, 11, h.PositiveSpans, h.PositiveBuckets, floatCounts);
                if (gauge)
                {
                    Varint(m, 14, 3);
                }
                Varint(m, 15, (ulong)t);
            }));
        }
        var request = new MemoryStream();
        Field(request, 1, series.ToArray());
        return request.ToArray();
    }

    // Spans at field, then integer buckets as neighbour deltas (field + 1) or float ones as counts (field + 2).
    private static void Buckets(MemoryStream m, int field, HistogramSpan[] spans, double[] buckets, bool floatCounts)
    {
        foreach (var s in spans)
        {
            Field(m, field, Message(b => { Varint(b, 1, ZigZag(s.Offset)); Varint(b, 2, s.Length); }));
        }
        double previous = 0;
        foreach (var c in buckets)
        {
            if (floatCounts)
            {
                Fixed(m, field + 2, c);
            }
            else
            {
                Varint(m, field + 1, ZigZag((long)c - (long)previous));
                previous = c;
            }
        }
    }

    private static byte[] Message(Action<MemoryStream> write)
    {
        var m = new MemoryStream();
        write(m);
        return m.ToArray();
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));

    private static void Raw(Stream s, ulong v)
    {
        while (v >= 0x80)
        {
            s.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }
        s.WriteByte((byte)v);
    }

    private static void Varint(Stream s, int field, ulong v)
    {
        Raw(s, (ulong)(field << 3));
        Raw(s, v);
    }

    private static void Fixed(Stream s, int field, double v)
    {
        Raw(s, (ulong)(field << 3 | 1));
        s.Write(BitConverter.GetBytes(v));
    }

    private static void Field(Stream s, int field, byte[] bytes)
    {
        Raw(s, (ulong)(field << 3 | 2));
        Raw(s, (ulong)bytes.Length);
        s.Write(bytes);
    }

    // Snappy's block format with literals only: the length, then runs of at most 65,536 bytes.
    private static byte[] Snappy(byte[] data)
    {
        var s = new MemoryStream();
        Raw(s, (ulong)data.Length);
        for (var at = 0; at < data.Length; at += 65_536)
        {
            var n = Math.Min(65_536, data.Length - at);
            s.WriteByte(61 << 2);
            s.WriteByte((byte)((n - 1) & 0xFF));
            s.WriteByte((byte)((n - 1) >> 8));
            s.Write(data, at, n);
        }
        return s.ToArray();
    }
}
