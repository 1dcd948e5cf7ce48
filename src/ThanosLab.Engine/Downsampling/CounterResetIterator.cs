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

    // The chunk being read, looked up once per chunk instead of once per sample through the list's interface.
    private SampleBuffer? _current;

    public CounterResetIterator(IReadOnlyList<SampleBuffer> chunks)
    {
        _chunks = chunks;
        _current = chunks.Count > 0 ? chunks[0] : null;
    }

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
            var chunk = _current;
            if (chunk is null)
            {
                return false;
            }
            if (_position >= chunk.Count)
            {
                _chunk++;
                _current = _chunk < _chunks.Count ? _chunks[_chunk] : null;
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
