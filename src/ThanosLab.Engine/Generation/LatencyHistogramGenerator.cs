using System.Runtime.InteropServices;
using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// A request-latency native histogram (ThanosLab's extension of thanosbench's types): log-logistic
/// latencies around a median that wanders every change interval, a request rate drawn once per
/// series, and a few exact zeros (cached answers) in the zero bucket. As a counter histogram
/// (<see cref="SeriesType.Histogram"/>) every scrape adds its observations to whole-number counts
/// and the process restarts every 20 to 28 hours (a counter reset); as a gauge histogram
/// (<see cref="SeriesType.FloatHistogram"/>) each sample is the last interval's requests per second,
/// so buckets come and go. <see cref="SampleGenerator.Value"/> is the observation count.
/// </summary>
public sealed class LatencyHistogramGenerator : SampleGenerator
{
    // A restart (a counter reset) every 20 to 28 hours, as with a daily deployment.
    private const double MinRestartInterval = 20 * 3_600_000.0;
    private const double RestartSpread = 8 * 3_600_000.0;
    private const double ZeroFraction = 0.005;

    private readonly HistogramShape _shape;
    private readonly bool _gauge;
    private readonly double _baseLogMedian;
    private readonly double _requestsPerSecond;
    private readonly double _scale;
    private readonly double _width;

    // Counts by bucket index, from _firstIndex: the median stays within 4x of where it started, so
    // every bucket ever touched lies within 2 doublings and the bucket count of it.
    private readonly double[] _counts;
    private readonly long _firstIndex;
    private double _logMedian;
    private double _zeroCount;
    private double _sum;
    private long _elapsed;
    private long _nextRestart;

    public LatencyHistogramGenerator(GoRandom random, long minTime, long maxTime, SeriesCharacteristics c, HistogramShape shape, bool gauge)
        : base(random, minTime, maxTime, c)
    {
        _shape = shape;
        _gauge = gauge;
        // A median between 20 ms and 200 ms, and 5 to 500 requests a second.
        _baseLogMedian = Math.Log(0.02) + Random.Float64() * Math.Log(10);
        _logMedian = _baseLogMedian;
        _requestsPerSecond = 5 * Math.Exp(Random.Float64() * Math.Log(100));
        // About 99% of the latencies fall into the given number of buckets (the log-logistic's 0.5%..99.5% span is 10.6 scales).
        _scale = shape.Buckets * Math.Log(2) / Math.Pow(2, shape.Schema) / 10.6;
        _nextRestart = minTime + NextRestartDelay();
        // Bucket k spans (base^(k-1), base^k]; in logarithms that is ((k-1)w, kw] with w = ln(base).
        _width = Math.Log(2) / Math.Pow(2, shape.Schema);
        var span = (long)Math.Ceiling(Math.Log(4) / _width) + shape.Buckets + 2;
        _firstIndex = (long)Math.Ceiling(_baseLogMedian / _width) - span;
        _counts = new double[2 * span + 1];
    }

    public NativeHistogram Histogram { get; private set; } = new();

    public override bool Next()
    {
        if (Current > MaxTime)
        {
            return false;
        }
        if (_elapsed >= ChangeInterval)
        {
            // The median drifts by up to ±20% and stays within 4x of where it started.
            _logMedian = Math.Clamp(_logMedian + (Random.Float64() - 0.5) * 0.4, _baseLogMedian - Math.Log(4), _baseLogMedian + Math.Log(4));
            _elapsed = 0;
        }
        Current += Interval;
        _elapsed += Interval;
        Time = Current;
        var restart = !_gauge && Current >= _nextRestart;
        if (restart)
        {
            _nextRestart = Current + NextRestartDelay();
        }
        if (_gauge || restart)
        {
            Array.Clear(_counts);
            _zeroCount = 0;
            _sum = 0;
        }
        Observe();
        Histogram = Snapshot();
        Value = Histogram.Count;
        return true;
    }

    private void Observe()
    {
        var requests = Math.Floor(_requestsPerSecond * Interval / 1000 * (0.8 + 0.4 * Random.Float64()));
        var zeros = Math.Floor(requests * ZeroFraction + Random.Float64());
        _zeroCount += zeros;
        var width = _width;
        var centre = (long)Math.Ceiling(_logMedian / width);
        var reach = _shape.Buckets;
        var below = Cdf((centre - reach - 1) * width);
        var total = Cdf((centre + reach) * width) - below;
        for (var k = centre - reach; k <= centre + reach; k++)
        {
            var cdf = Cdf(k * width);
            // Whole observations: the expected count rounded up or down at random, so the totals stay unbiased.
            var n = Math.Floor((requests - zeros) * (cdf - below) / total + Random.Float64());
            below = cdf;
            if (n <= 0)
            {
                continue;
            }
            _counts[k - _firstIndex] += n;
            // Each observation counts with its bucket's geometric middle.
            _sum += n * Math.Exp((k - 0.5) * width);
        }
    }

    private long NextRestartDelay() => (long)(MinRestartInterval + Random.Float64() * RestartSpread);

    private double Cdf(double logLatency) => 1 / (1 + Math.Exp(-(logLatency - _logMedian) / _scale));

    private NativeHistogram Snapshot()
    {
        var indices = new List<long>();
        var counts = new List<double>();
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] > 0)
            {
                indices.Add(_firstIndex + i);
                counts.Add(_counts[i]);
            }
        }
        var buckets = counts.ToArray();
        var divisor = _gauge ? Interval / 1000.0 : 1;
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] /= divisor;
        }
        var zero = _zeroCount / divisor;
        return new NativeHistogram
        {
            Schema = _shape.Schema,
            ZeroThreshold = _shape.ZeroThreshold,
            ZeroCount = zero,
            Count = zero + buckets.Sum(),
            Sum = _sum / divisor,
            PositiveSpans = BucketLayout.FromIndices(CollectionsMarshal.AsSpan(indices)),
            PositiveBuckets = buckets,
        };
    }
}
