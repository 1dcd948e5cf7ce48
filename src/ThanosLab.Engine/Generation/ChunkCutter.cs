namespace ThanosLab.Engine.Generation;

/// <summary>
/// Prometheus' head rule for where one series' chunks end (formats.md §6): a chunk closes at the end
/// of its chunk range, at 240 samples, or earlier where the prediction made at 30 samples spreads the
/// remaining range evenly. thanosbench's head uses a 9999 h chunk range.
/// </summary>
public sealed class ChunkCutter
{
    public static readonly long ThanosbenchChunkRange = (long)TimeSpan.FromHours(9999).TotalMilliseconds;

    private const int SamplesPerChunk = 120;

    private readonly long _chunkRange;
    private long _nextAt;
    private long _chunkMinTime;
    private long _chunkMaxTime;

    public ChunkCutter(long chunkRange) => _chunkRange = chunkRange;

    /// <summary>Whether sample <paramref name="t"/> opens a new chunk, given that the current one holds <paramref name="samples"/>.</summary>
    public bool StartsChunk(long t, int samples)
    {
        if (samples == SamplesPerChunk / 4)
        {
            _nextAt = PredictEnd(_chunkMinTime, _chunkMaxTime, _nextAt);
        }
        var cut = samples == 0 || t >= _nextAt || samples >= SamplesPerChunk * 2;
        if (cut)
        {
            _chunkMinTime = t;
            _nextAt = RangeEnd(t);
        }
        _chunkMaxTime = t;
        return cut;
    }

    /// <summary>Starts a chunk at <paramref name="t"/> that <see cref="StartsChunk"/> did not start (a histogram that cannot join the open chunk).</summary>
    public void Restart(long t)
    {
        _chunkMinTime = t;
        _chunkMaxTime = t;
        _nextAt = RangeEnd(t);
    }

    private long RangeEnd(long t) => t / _chunkRange * _chunkRange + _chunkRange;

    private static long PredictEnd(long start, long current, long max)
    {
        var n = (max - start) / ((current - start + 1) * 4);
        return n <= 1 ? max : start + (max - start) / n;
    }
}
