using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Chunks;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// The aggregate chunks of one downsampled series, in the form the chunk segment writer takes:
/// payloads back to back, their lengths and the chunk metas (references filled in on write).
/// </summary>
public sealed class DownsampledChunks
{
    private readonly EncodingBuffer _payloads = new(1 << 16);
    private readonly List<int> _lengths = new();
    private readonly List<SeriesChunk> _metas = new();

    public int Count => _metas.Count;

    public ReadOnlySpan<byte> Payloads => _payloads.Span;

    public ReadOnlySpan<int> Lengths => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_lengths);

    public Span<SeriesChunk> Metas => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_metas);

    /// <summary>Windows over all chunks: what Thanos counts as the series' samples (its count aggregate's samples).</summary>
    public long Windows { get; private set; }

    public void Clear()
    {
        _payloads.Reset();
        _lengths.Clear();
        _metas.Clear();
        Windows = 0;
    }

    public void Add(AggregateChunkEncoder chunk, long minTime, long maxTime)
    {
        var start = _payloads.Length;
        chunk.WriteTo(_payloads);
        _lengths.Add(_payloads.Length - start);
        _metas.Add(new SeriesChunk(minTime, maxTime, 0));
        Windows += chunk.Count(AggregateType.Count);
    }

    /// <summary>The payload of chunk <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Payload(int index)
    {
        var offset = 0;
        for (var i = 0; i < index; i++)
        {
            offset += _lengths[i];
        }
        return _payloads.Span.Slice(offset, _lengths[index]);
    }
}
