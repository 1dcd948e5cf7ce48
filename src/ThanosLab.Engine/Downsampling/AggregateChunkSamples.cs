using System.Runtime.CompilerServices;
using ThanosLab.Engine.Tsdb.Chunkenc;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// The decoded sub-chunks of one aggregate chunk: for each aggregate whether it is present and its
/// samples as stored, plus the chunk meta's range. Reused from chunk to chunk.
/// </summary>
public sealed class AggregateChunkSamples
{
    private readonly bool[] _present = new bool[AggregateChunkEncoder.Aggregates];
    private readonly SampleBuffer[] _samples = Enumerable.Range(0, AggregateChunkEncoder.Aggregates).Select(_ => new SampleBuffer(32)).ToArray();

    public long MinTime { get; private set; }

    public long MaxTime { get; private set; }

    public bool IsPresent(AggregateType type) => _present[(int)type];

    public SampleBuffer Samples(AggregateType type) => _samples[(int)type];

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
            _present[i] = chunk.IsPresent(type);
            if (!_present[i])
            {
                continue;
            }
            if (chunk.EncodingOf(type) != XorChunkEncoder.Encoding)
            {
                return $"the {AggregateChunkDecoder.Name(type)} aggregate has encoding {chunk.EncodingOf(type)}{(chunk.EncodingOf(type) == HistogramChunkEncoder.FloatHistogramEncoding ? " (a native-histogram series' float histograms, Thanos >= 0.38)" : "")}; only float (XOR) aggregates are read into windows and downsampled";
            }
            if (_samples[i].Decode(chunk.SubChunk(type)) is { } error)
            {
                return $"the {AggregateChunkDecoder.Name(type)} aggregate: {error}";
            }
        }
        return null;
    }
}
