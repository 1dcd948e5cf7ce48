using System.Runtime.CompilerServices;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// Thanos' <c>ApplyCounterResetsSeriesIterator</c> over the counter aggregates of consecutive
/// chunks: yields one running total per new timestamp, adding the increase, or all of a value that
/// is lower than the previous one (a reset). A sample at the timestamp just yielded only replaces
/// the value resets are judged against: that is how a chunk's repeated last raw value makes a reset
/// at the next chunk's first sample visible. Older samples and NaN are skipped.
/// </summary>
public sealed class CounterResetIterator
{
    private readonly IReadOnlyList<SampleBuffer> _chunks;
    private int _chunk;
    private int _position;
    private int _total;

    public CounterResetIterator(IReadOnlyList<SampleBuffer> chunks) => _chunks = chunks;

    public long Timestamp { get; private set; }

    /// <summary>The running total at <see cref="Timestamp"/>.</summary>
    public double Total { get; private set; }

    /// <summary>The last raw value read (after the end: the series' last counter value as stored).</summary>
    public double LastValue { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next()
    {
        while (true)
        {
            if (_chunk >= _chunks.Count)
            {
                return false;
            }
            var chunk = _chunks[_chunk];
            if (_position >= chunk.Count)
            {
                _chunk++;
                _position = 0;
                return SeekPast(Timestamp);
            }
            var t = chunk.Timestamps[_position];
            var v = chunk.Values[_position];
            _position++;
            if (double.IsNaN(v))
            {
                continue;
            }
            if (_total == 0)
            {
                _total++;
                Timestamp = t;
                LastValue = v;
                Total = v;
                return true;
            }
            if (t > Timestamp)
            {
                Total += v >= LastValue ? v - LastValue : v;
                Timestamp = t;
                LastValue = v;
                _total++;
                return true;
            }
            if (t == Timestamp)
            {
                LastValue = v;
            }
        }
    }

    // Thanos continues into the next chunk with Seek(last + 1).
    private bool SeekPast(long t)
    {
        while (Timestamp <= t)
        {
            if (!Next())
            {
                return false;
            }
        }
        return true;
    }
}
