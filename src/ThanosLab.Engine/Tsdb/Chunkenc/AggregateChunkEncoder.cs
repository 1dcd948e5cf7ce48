using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab.Engine.Tsdb.Chunkenc;

/// <summary>
/// Builds one Thanos aggregate chunk (encoding 0xFF): five entries in <see cref="AggregateType"/>
/// order, each a uvarint of the sub-chunk's length, its encoding byte and the sub-chunk, or a lone
/// uvarint 0 when the aggregate is absent. Sub-chunks are XOR chunks, except that a native-histogram
/// series' sum and counter are float histogram chunks (Thanos &gt;= 0.38), which <see cref="AppendHistogram"/>
/// starts; their bucket layouts may change from window to window (<see cref="FloatHistogramChunkBuilder"/>). An aggregate is present once a sample was appended to it or <see cref="MarkPresent"/> was
/// called. Reusable through <see cref="Reset"/>.
/// </summary>
public sealed class AggregateChunkEncoder
{
    public const byte Encoding = 0xFF;

    public const int Aggregates = 5;

    private readonly XorChunkEncoder[] _chunks = new XorChunkEncoder[Aggregates];
    private readonly bool[] _present = new bool[Aggregates];
    private readonly FloatHistogramChunkBuilder?[] _histograms = new FloatHistogramChunkBuilder?[Aggregates];

    public AggregateChunkEncoder()
    {
        for (var i = 0; i < Aggregates; i++)
        {
            _chunks[i] = new XorChunkEncoder();
        }
    }

    public bool IsPresent(AggregateType type) => _present[(int)type];

    /// <summary>Samples appended to <paramref name="type"/> so far.</summary>
    public int Count(AggregateType type) => _histograms[(int)type]?.Count ?? _chunks[(int)type].Count;

    public void Append(AggregateType type, long t, double v)
    {
        if (_histograms[(int)type] is not null)
        {
            throw new InvalidOperationException($"The {type} aggregate already holds float histograms.");
        }
        _present[(int)type] = true;
        _chunks[(int)type].Append(t, v);
    }

    /// <summary>
    /// Appends a float histogram to the sum or counter aggregate, which then is a float histogram chunk
    /// (encoding 3) with <paramref name="header"/>. Throws <see cref="ArgumentException"/> for a histogram
    /// Prometheus' appender would start a new chunk for.
    /// </summary>
    public void AppendHistogram(AggregateType type, long t, NativeHistogram h, CounterResetHeader header)
    {
        if (type is not (AggregateType.Sum or AggregateType.Counter))
        {
            throw new ArgumentException($"Only the sum and counter aggregates hold histograms, not {type}.", nameof(type));
        }
        if (_chunks[(int)type].Count > 0)
        {
            throw new InvalidOperationException($"The {type} aggregate already holds floats.");
        }
        var chunk = _histograms[(int)type];
        if (chunk is null)
        {
            chunk = new FloatHistogramChunkBuilder();
            chunk.Reset(header);
            _histograms[(int)type] = chunk;
        }
        _present[(int)type] = true;
        chunk.Append(t, h);
    }

    /// <summary>Makes <paramref name="type"/> present even without samples (an empty XOR sub-chunk).</summary>
    public void MarkPresent(AggregateType type) => _present[(int)type] = true;

    public void Reset()
    {
        for (var i = 0; i < Aggregates; i++)
        {
            _chunks[i].Reset();
            _histograms[i] = null;
            _present[i] = false;
        }
    }

    /// <summary>Appends the chunk payload (what a segment record stores after its encoding byte).</summary>
    public void WriteTo(EncodingBuffer buffer)
    {
        for (var i = 0; i < Aggregates; i++)
        {
            if (!_present[i])
            {
                buffer.PutUvarint(0);
                continue;
            }
            var histogram = _histograms[i];
            var bytes = histogram is null ? _chunks[i].Bytes : histogram.Bytes;
            buffer.PutUvarint((ulong)bytes.Length);
            buffer.PutByte(histogram is null ? XorChunkEncoder.Encoding : HistogramChunkEncoder.FloatHistogramEncoding);
            buffer.PutBytes(bytes);
        }
    }
}
