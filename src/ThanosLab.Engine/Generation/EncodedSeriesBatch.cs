using System.Runtime.InteropServices;
using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Chunks;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// Consecutive series of a block's plan with their samples drawn and cut into chunks (XOR, or
/// native-histogram chunks for the histogram types), ready to be
/// written: batches are made on every core while one thread writes them in the index's order, so a
/// block of a million series is not generated on one core. Reused from batch to batch.
/// </summary>
internal sealed class EncodedSeriesBatch
{
    private readonly BlockSpec _spec;
    private readonly BlockSeriesPlan _plan;
    private readonly SeriesSeed[] _seeds;
    private readonly GoRandom _random = new(0);
    private readonly XorChunkEncoder _encoder = new();
    private readonly EncodingBuffer _payloads = new(1 << 16);
    private readonly List<int> _lengths = new();
    private readonly List<SeriesChunk> _chunks = new();

    // Per series of the batch, where its chunks and payload bytes start, with the end after the last.
    private readonly List<int> _chunkStarts = new();
    private readonly List<int> _payloadStarts = new();
    private readonly List<long> _samples = new();
    private readonly List<byte> _encodings = new();

    public EncodedSeriesBatch(BlockSpec spec, BlockSeriesPlan plan)
    {
        _spec = spec;
        _plan = plan;
        // A seed keeps scratch bytes, so every batch has its own.
        _seeds = spec.Series.Select(s => new SeriesSeed(s.Labels, spec.ExternalLabels)).ToArray();
    }

    /// <summary>The place of the batch's first series in the plan.</summary>
    public int Start { get; private set; }

    public int Count => _samples.Count;

    public long Samples(int i) => _samples[i];

    /// <summary>The chunk encoding of every chunk of series <paramref name="i"/>.</summary>
    public byte Encoding(int i) => _encodings[i];

    public ReadOnlySpan<byte> Payloads(int i) => _payloads.Span[_payloadStarts[i].._payloadStarts[i + 1]];

    public ReadOnlySpan<int> Lengths(int i) => CollectionsMarshal.AsSpan(_lengths)[_chunkStarts[i].._chunkStarts[i + 1]];

    /// <summary>The series' chunk metas, their references still to be set by the writer.</summary>
    public Span<SeriesChunk> Chunks(int i) => CollectionsMarshal.AsSpan(_chunks)[_chunkStarts[i].._chunkStarts[i + 1]];

    /// <summary>Generates series <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of the plan.</summary>
    public void Encode(int start, int count, CancellationToken cancellation)
    {
        Start = start;
        _payloads.Reset();
        _lengths.Clear();
        _chunks.Clear();
        _chunkStarts.Clear();
        _payloadStarts.Clear();
        _samples.Clear();
        _encodings.Clear();
        _chunkStarts.Add(0);
        _payloadStarts.Add(0);
        var series = _plan.Series.Slice(start, count);
        foreach (var planned in series)
        {
            cancellation.ThrowIfCancellationRequested();
            var s = _spec.Series[planned.Spec];
            _random.Seed(_seeds[planned.Spec].SeedOf(_plan.TargetValue(planned.Target)));
            var generator = SampleGenerator.Create(s.Type, _random, s.MinTime, s.MaxTime, s.Characteristics, s.Histogram);
            var (samples, encoding) = generator is LatencyHistogramGenerator histograms
                ? EncodeHistograms(histograms, s.Type == SeriesType.FloatHistogram)
                : (EncodeFloats(generator), XorChunkEncoder.Encoding);
            _samples.Add(samples);
            _encodings.Add(encoding);
            _chunkStarts.Add(_chunks.Count);
            _payloadStarts.Add(_payloads.Length);
        }
    }

    private long EncodeFloats(SampleGenerator generator)
    {
        var cutter = new ChunkCutter(ChunkCutter.ThanosbenchChunkRange);
        _encoder.Reset();
        long samples = 0;
        while (generator.Next())
        {
            var t = generator.Time;
            if (cutter.StartsChunk(t, _encoder.Count) && _encoder.Count > 0)
            {
                CloseChunk();
            }
            _encoder.Append(t, generator.Value);
            samples++;
        }
        if (_encoder.Count > 0)
        {
            CloseChunk();
        }
        return samples;
    }

    // A native-histogram series (ThanosLab's extension): chunks cut as Prometheus' head cuts them.
    private (long Samples, byte Encoding) EncodeHistograms(LatencyHistogramGenerator generator, bool floatCounts)
    {
        var head = new HistogramHeadAppender(ChunkCutter.ThanosbenchChunkRange, floatCounts, gauge: floatCounts, chunk =>
        {
            _payloads.PutBytes(chunk.Bytes);
            _lengths.Add(chunk.Bytes.Length);
            _chunks.Add(new SeriesChunk(chunk.MinTime, chunk.MaxTime, 0));
        });
        long samples = 0;
        while (generator.Next())
        {
            head.Append(generator.Time, generator.Histogram);
            samples++;
        }
        head.Flush();
        return (samples, floatCounts ? HistogramChunkEncoder.FloatHistogramEncoding : HistogramChunkEncoder.HistogramEncoding);
    }

    private void CloseChunk()
    {
        _payloads.PutBytes(_encoder.Bytes);
        _lengths.Add(_encoder.Bytes.Length);
        _chunks.Add(new SeriesChunk(_encoder.MinTime, _encoder.MaxTime, 0));
        _encoder.Reset();
    }
}
