using System.Runtime.CompilerServices;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// The decoded sub-chunks of one aggregate chunk: for each aggregate whether it is present and its
/// samples as stored — floats in <see cref="Samples"/>, or, for a native-histogram series' sum and
/// counter (Thanos &gt;= 0.38), histograms in <see cref="Histograms"/> — plus the chunk meta's range.
/// Reused from chunk to chunk.
/// </summary>
public sealed class AggregateChunkSamples
{
    private readonly bool[] _present = new bool[AggregateChunkEncoder.Aggregates];
    private readonly byte[] _encodings = new byte[AggregateChunkEncoder.Aggregates];
    private readonly SampleBuffer[] _samples = Enumerable.Range(0, AggregateChunkEncoder.Aggregates).Select(_ => new SampleBuffer(32)).ToArray();
    private readonly List<(long Timestamp, NativeHistogram Histogram)>[] _histograms =
        Enumerable.Range(0, AggregateChunkEncoder.Aggregates).Select(_ => new List<(long, NativeHistogram)>()).ToArray();

    public long MinTime { get; private set; }

    public long MaxTime { get; private set; }

    public bool IsPresent(AggregateType type) => _present[(int)type];

    /// <summary>The float samples of an XOR aggregate; empty for a histogram one.</summary>
    public SampleBuffer Samples(AggregateType type) => _samples[(int)type];

    /// <summary>The histograms of a histogram aggregate as stored, with the hints their chunk gives; empty for an XOR one.</summary>
    public IReadOnlyList<(long Timestamp, NativeHistogram Histogram)> Histograms(AggregateType type) => _histograms[(int)type];

    /// <summary>
    /// Whether the chunk is a native-histogram series' (Thanos' isHistogramAggrChunk): its counter
    /// aggregate is present and a histogram or float histogram chunk.
    /// </summary>
    public bool IsHistogram => IsPresent(AggregateType.Counter) && HistogramChunkEncoder.IsHistogramEncoding(_encodings[(int)AggregateType.Counter]);

    /// <summary>Windows of the chunk as Thanos counts them: the count aggregate's samples.</summary>
    public int WindowCount => IsPresent(AggregateType.Count) ? Samples(AggregateType.Count).Count : 0;

    /// <summary>Decodes <paramref name="payload"/>; returns what is wrong with it, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Load(ReadOnlySpan<byte> payload, long minTime, long maxTime)
    {
        MinTime = minTime;
        MaxTime = maxTime;
        var chunk = new AggregateChunkDecoder(payload);
        if (chunk.Error is not null)
        {
            return chunk.Error;
        }
        for (var i = 0; i < AggregateChunkEncoder.Aggregates; i++)
        {
            var type = (AggregateType)i;
            _samples[i].Clear();
            _histograms[i].Clear();
            _present[i] = chunk.IsPresent(type);
            _encodings[i] = chunk.EncodingOf(type);
            if (!_present[i])
            {
                continue;
            }
            var encoding = _encodings[i];
            var histogram = HistogramChunkEncoder.IsHistogramEncoding(encoding) && type is AggregateType.Sum or AggregateType.Counter;
            if (encoding != XorChunkEncoder.Encoding && !histogram)
            {
                return $"the {AggregateChunkDecoder.Name(type)} aggregate has encoding {encoding}; it must be XOR ({XorChunkEncoder.Encoding}){(type is AggregateType.Sum or AggregateType.Counter ? $", histogram ({HistogramChunkEncoder.HistogramEncoding}) or float histogram ({HistogramChunkEncoder.FloatHistogramEncoding})" : "")}";
            }
            var error = histogram ? DecodeHistograms(chunk.SubChunk(type), encoding, _histograms[i]) : _samples[i].Decode(chunk.SubChunk(type));
            if (error is not null)
            {
                return $"the {AggregateChunkDecoder.Name(type)} aggregate: {error}";
            }
        }
        return null;
    }

    // Not inlined into Load: only native-histogram series come here, and the float loop stays small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string? DecodeHistograms(ReadOnlySpan<byte> subChunk, byte encoding, List<(long, NativeHistogram)> histograms)
    {
        var decoder = new HistogramChunkDecoder(subChunk, encoding);
        while (decoder.Next())
        {
            histograms.Add((decoder.Timestamp, decoder.Current()));
        }
        return decoder.Error;
    }
}
