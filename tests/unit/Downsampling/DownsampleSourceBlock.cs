using System.Globalization;
using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Histograms;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Tests.Downsampling;

/// <summary>
/// Writes a real one-series block ({__name__="a"}) from given chunks, raw (XOR) or aggregate, the way
/// Thanos' tests build their in-memory block, and reads a downsampled block's aggregates back.
/// </summary>
internal static class DownsampleSourceBlock
{
    public static readonly LabelSet Series = LabelSet.Create(new[] { new Label("__name__", "a") });

    public static string WriteRaw(string directory, IReadOnlyCollection<(long T, double V)[]> chunks)
    {
        var payloads = new EncodingBuffer();
        var lengths = new List<int>();
        var metas = new List<SeriesChunk>();
        var encoder = new XorChunkEncoder();
        foreach (var chunk in chunks)
        {
            encoder.Reset();
            foreach (var (t, v) in chunk)
            {
                encoder.Append(t, v);
            }
            payloads.PutBytes(encoder.Bytes);
            lengths.Add(encoder.Bytes.Length);
            metas.Add(new SeriesChunk(chunk[0].T, chunk[^1].T, 0));
        }
        return Write(directory, payloads, lengths, metas, XorChunkEncoder.Encoding, DownsampleResolution.Raw, chunks.Sum(c => c.Length));
    }

    /// <summary>Native-histogram chunks written as given: each with its counter-reset header and samples in its layout.</summary>
    public static string WriteHistograms(string directory, bool floatCounts, IReadOnlyCollection<(CounterResetHeader Header, (long T, NativeHistogram H)[] Samples)> chunks)
    {
        var payloads = new EncodingBuffer();
        var lengths = new List<int>();
        var metas = new List<SeriesChunk>();
        var encoder = new HistogramChunkEncoder(floatCounts);
        foreach (var (header, samples) in chunks)
        {
            encoder.Reset(header);
            foreach (var (t, h) in samples)
            {
                encoder.Append(t, h);
            }
            payloads.PutBytes(encoder.Bytes);
            lengths.Add(encoder.Bytes.Length);
            metas.Add(new SeriesChunk(samples[0].T, samples[^1].T, 0));
        }
        return Write(directory, payloads, lengths, metas, encoder.Encoding, DownsampleResolution.Raw, chunks.Sum(c => c.Samples.Length));
    }

    /// <summary>
    /// Raw chunks of either kind in one series, as Thanos' mixed-chunk test builds them: float
    /// samples become an XOR chunk, histograms a float histogram chunk (counter-reset header unknown).
    /// </summary>
    public static string WriteMixed(string directory, IReadOnlyCollection<object> chunks)
    {
        using var writer = BlockWriter.Create(directory, Ulid.NewUlid());
        writer.Index.AddSymbols(new[] { "__name__", "a" });
        var metas = new List<SeriesChunk>();
        var xor = new XorChunkEncoder();
        var histograms = new HistogramChunkEncoder(floatCounts: true);
        foreach (var chunk in chunks)
        {
            var refs = new ulong[1];
            if (chunk is (long T, double V)[] floats)
            {
                xor.Reset();
                foreach (var (t, v) in floats)
                {
                    xor.Append(t, v);
                }
                writer.Chunks.WriteSeries(xor.Bytes, new[] { xor.Bytes.Length }, refs, XorChunkEncoder.Encoding);
                metas.Add(new SeriesChunk(floats[0].T, floats[^1].T, refs[0]));
                continue;
            }
            var samples = ((long T, NativeHistogram H)[])chunk;
            histograms.Reset(CounterResetHeader.Unknown);
            foreach (var (t, h) in samples)
            {
                histograms.Append(t, h);
            }
            writer.Chunks.WriteSeries(histograms.Bytes, new[] { histograms.Bytes.Length }, refs, histograms.Encoding);
            metas.Add(new SeriesChunk(samples[0].T, samples[^1].T, refs[0]));
        }
        writer.Index.AddSeries(Series, metas.ToArray());
        var meta = new BlockMeta(writer.Id, metas.Min(m => m.MinTime), metas.Max(m => m.MaxTime) + 1,
            new BlockStats(0, 1, (ulong)metas.Count), new BlockCompaction(1, new[] { writer.Id }))
        {
            Thanos = new ThanosMeta(LabelSet.Empty, DownsampleResolution.Raw, "test"),
        };
        writer.Complete(meta);
        return writer.FinalPath;
    }

    /// <summary>Every aggregate is present in every chunk (empty when not given), as in Thanos' test builder.</summary>
    public static string WriteAggregates(string directory, long resolution, IReadOnlyCollection<Dictionary<AggregateType, (long T, double V)[]>> chunks)
    {
        var payloads = new EncodingBuffer();
        var lengths = new List<int>();
        var metas = new List<SeriesChunk>();
        var encoder = new AggregateChunkEncoder();
        foreach (var chunk in chunks)
        {
            encoder.Reset();
            long min = long.MaxValue, max = long.MinValue;
            foreach (var type in Enum.GetValues<AggregateType>())
            {
                encoder.MarkPresent(type);
                foreach (var (t, v) in chunk.GetValueOrDefault(type, Array.Empty<(long, double)>()))
                {
                    encoder.Append(type, t, v);
                    min = Math.Min(min, t);
                    max = Math.Max(max, t);
                }
            }
            var start = payloads.Length;
            encoder.WriteTo(payloads);
            lengths.Add(payloads.Length - start);
            metas.Add(new SeriesChunk(min, max, 0));
        }
        var windows = chunks.Sum(c => c.GetValueOrDefault(AggregateType.Count)?.Length ?? 0);
        return Write(directory, payloads, lengths, metas, AggregateChunkEncoder.Encoding, resolution, windows);
    }

    /// <summary>
    /// One aggregate chunk of a native-histogram series as Thanos &gt;= 0.38 writes it: the count as XOR,
    /// the sum (a gauge histogram chunk) and the counter as float histogram chunks, min and max absent.
    /// </summary>
    public static string WriteHistogramAggregates(string directory, long resolution, (long T, double V)[] count, (long T, NativeHistogram H)[] sum, (long T, NativeHistogram H)[] counter)
    {
        var encoder = new AggregateChunkEncoder();
        foreach (var (t, v) in count)
        {
            encoder.Append(AggregateType.Count, t, v);
        }
        foreach (var (t, h) in sum)
        {
            encoder.AppendHistogram(AggregateType.Sum, t, h, CounterResetHeader.Gauge);
        }
        foreach (var (t, h) in counter)
        {
            encoder.AppendHistogram(AggregateType.Counter, t, h, CounterResetHeader.Unknown);
        }
        var payloads = new EncodingBuffer();
        encoder.WriteTo(payloads);
        var times = count.Select(c => c.T).Concat(sum.Select(s => s.T)).Concat(counter.Select(c => c.T)).ToArray();
        var metas = new List<SeriesChunk> { new(times.Min(), times.Max(), 0) };
        return Write(directory, payloads, new List<int> { payloads.Length }, metas, AggregateChunkEncoder.Encoding, resolution, count.Length);
    }

    private static string Write(string directory, EncodingBuffer payloads, List<int> lengths, List<SeriesChunk> metas, byte encoding, long resolution, long samples)
    {
        using var writer = BlockWriter.Create(directory, Ulid.NewUlid());
        writer.Index.AddSymbols(new[] { "__name__", "a" });
        var refs = new ulong[metas.Count];
        writer.Chunks.WriteSeries(payloads.Span, lengths.ToArray(), refs, encoding);
        var withRefs = metas.Select((m, i) => m with { Ref = refs[i] }).ToArray();
        writer.Index.AddSeries(Series, withRefs);
        var meta = new BlockMeta(writer.Id, metas.Min(m => m.MinTime), metas.Max(m => m.MaxTime) + 1,
            new BlockStats((ulong)samples, 1, (ulong)metas.Count), new BlockCompaction(1, new[] { writer.Id }))
        {
            Thanos = new ThanosMeta(LabelSet.Empty, resolution, "test"),
        };
        writer.Complete(meta);
        return writer.FinalPath;
    }

    /// <summary>
    /// The aggregates of every chunk of the block's only series, one line per chunk, expanded as
    /// Thanos' test reads them: "count: 99=4 199=3 | sum: ...", absent aggregates left out.
    /// </summary>
    public static string[] ReadAggregates(string blockPath)
    {
        using var reader = BlockReader.Open(blockPath);
        var lines = new List<string>();
        foreach (var series in reader.Series())
        {
            if (!series.Labels.Equals(Series))
            {
                throw new InvalidOperationException($"unexpected series {series.Labels}");
            }
            foreach (var chunk in series.Chunks)
            {
                var samples = new AggregateChunkSamples();
                var problem = samples.Load(reader.ReadRecord(chunk).Data, chunk.MinTime, chunk.MaxTime);
                if (problem is not null)
                {
                    throw new InvalidOperationException(problem);
                }
                lines.Add(Describe(type => samples.IsPresent(type) ? Expanded(samples.Samples(type)) : null));
            }
        }
        return lines.ToArray();
    }

    public static string Describe(Dictionary<AggregateType, (long T, double V)[]> chunk) =>
        Describe(type => chunk.TryGetValue(type, out var s) ? s : null);

    private static (long, double)[] Expanded(SampleBuffer stored)
    {
        var expanded = new SampleBuffer();
        expanded.AppendChunk(stored.Timestamps, stored.Values);
        return Enumerable.Range(0, expanded.Count).Select(i => (expanded.Timestamps[i], expanded.Values[i])).ToArray();
    }

    private static string Describe(Func<AggregateType, (long T, double V)[]?> samples) =>
        string.Join(" | ", Enum.GetValues<AggregateType>()
            .Select(type => (type, s: samples(type)))
            .Where(x => x.s is not null)
            .Select(x => AggregateChunkDecoder.Name(x.type) + ":" + string.Concat(x.s!.Select(p => string.Create(CultureInfo.InvariantCulture, $" {p.T}={p.V:R}")))));
}
