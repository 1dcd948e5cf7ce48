using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab.Engine.Tsdb.Chunkenc;

/// <summary>
/// One float histogram chunk (encoding 3) of samples whose bucket layouts may differ, as Prometheus'
/// float histogram appender takes them when it may re-encode: a sample with new buckets widens the
/// chunk's layout and the samples before it are encoded again with those buckets at 0, and a sample
/// lacking buckets of the chunk gets them at 0. The bytes that leaves are those of every sample over
/// the union of all layouts, so the chunk is encoded once, when its bytes are asked for.
/// A sample the appender would start a new chunk for is refused with an <see cref="ArgumentException"/>
/// (Thanos' downsampling would keep only that new chunk and lose the windows before it): another
/// schema or zero threshold, and in a counter chunk a count, zero count or bucket that went down.
/// </summary>
public sealed class FloatHistogramChunkBuilder
{
    private readonly List<(long T, NativeHistogram H)> _samples = new();
    private readonly HistogramChunkEncoder _encoder = new(floatCounts: true);
    private long[] _positive = Array.Empty<long>();
    private long[] _negative = Array.Empty<long>();
    private bool _encoded;

    public int Count => _samples.Count;

    public CounterResetHeader Header { get; private set; }

    public void Reset(CounterResetHeader header)
    {
        _samples.Clear();
        _positive = Array.Empty<long>();
        _negative = Array.Empty<long>();
        Header = header;
        _encoded = false;
    }

    public void Append(long t, NativeHistogram h)
    {
        var positive = BucketLayout.Indices(h.PositiveSpans);
        var negative = BucketLayout.Indices(h.NegativeSpans);
        if (_samples.Count > 0)
        {
            CheckAppendable(_samples[^1].H, h);
        }
        _positive = BucketLayout.Union(_positive, positive);
        _negative = BucketLayout.Union(_negative, negative);
        _samples.Add((t, h));
        _encoded = false;
    }

    /// <summary>The chunk payload as stored (without length, encoding byte or CRC).</summary>
    public ReadOnlySpan<byte> Bytes
    {
        get
        {
            if (!_encoded)
            {
                Encode();
            }
            return _encoder.Bytes;
        }
    }

    private void Encode()
    {
        _encoder.Reset(Header);
        var positive = BucketLayout.FromIndices(_positive);
        var negative = BucketLayout.FromIndices(_negative);
        foreach (var (t, h) in _samples)
        {
            _encoder.Append(t, h.WithLayout(positive, negative));
        }
        _encoded = true;
    }

    private void CheckAppendable(NativeHistogram last, NativeHistogram h)
    {
        if (h.Schema != last.Schema || h.ZeroThreshold != last.ZeroThreshold)
        {
            throw new ArgumentException(
                $"a histogram with schema {h.Schema} and zero threshold {h.ZeroThreshold} follows one with schema {last.Schema} and zero threshold {last.ZeroThreshold} in the same chunk");
        }
        if (Header == CounterResetHeader.Gauge)
        {
            return;
        }
        if (h.Count < last.Count || h.ZeroCount < last.ZeroCount)
        {
            throw new ArgumentException($"a counter histogram's count goes down from {last.Count} (zero count {last.ZeroCount}) to {h.Count} (zero count {h.ZeroCount}) within one chunk");
        }
        CheckBuckets(last.PositiveSpans, last.PositiveBuckets, h.PositiveSpans, h.PositiveBuckets, "positive");
        CheckBuckets(last.NegativeSpans, last.NegativeBuckets, h.NegativeSpans, h.NegativeBuckets, "negative");
    }

    private static void CheckBuckets(HistogramSpan[] lastSpans, double[] lastCounts, HistogramSpan[] spans, double[] counts, string side)
    {
        var before = BucketLayout.Indices(lastSpans);
        var now = BucketLayout.Indices(spans);
        var k = 0;
        for (var i = 0; i < before.Length; i++)
        {
            while (k < now.Length && now[k] < before[i])
            {
                k++;
            }
            var count = k < now.Length && now[k] == before[i] ? counts[k] : 0;
            if (count < lastCounts[i])
            {
                throw new ArgumentException($"a counter histogram's {side} bucket {before[i]} goes down from {lastCounts[i]} to {count} within one chunk");
            }
        }
    }
}
