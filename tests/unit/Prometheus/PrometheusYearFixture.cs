using ThanosLab.Engine.Generation;
using ThanosLab.Tests.Generation;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Prometheus;

/// <summary>
/// One real Prometheus 2.42 serving a copy of continuous-365d-tiny, shared by the query tests. Started on
/// first use, inside a test, so a missing prometheus binary skips (or fails under CI) that test instead
/// of breaking the fixture.
/// </summary>
public sealed class PrometheusYearFixture : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PrometheusProcess? _prometheus;

    public Continuous365dTinyFixture Year { get; } = new();

    public async Task<PrometheusProcess> StartedAsync()
    {
        Requires.Tool("prometheus", "apt-get install prometheus");
        await _gate.WaitAsync();
        try
        {
            return _prometheus ??= await PrometheusProcess.StartAsync(Year.Blocks.Select(b => b.Path));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The metric names of the profile's series (one target each), as Prometheus stores them.</summary>
    public IEnumerable<string> MetricNames => Year.Plan[0].Series.Select(s => s.Labels.Get("__name__")!);

    /// <summary>Oldest sample time and newest sample time + 1 of the whole year (ms).</summary>
    public (long MinTime, long MaxTime) Range => (Year.Blocks.Min(b => b.Meta.MinTime), Year.Blocks.Max(b => b.Meta.MaxTime));

    /// <summary>
    /// What PromQL's instant selector returns for <paramref name="metric"/> at each step of a range
    /// query, computed from the generator (not from Prometheus): the newest sample at or before the
    /// step time, if it is at most <paramref name="lookback"/> old.
    /// </summary>
    public List<(long Time, double Value)> ExpectedSteps(string metric, long start, long end, long step, long lookback = 300_000)
    {
        var result = new List<(long, double)>();
        var t = start;
        long lastTime = long.MinValue;
        double lastValue = 0;
        void EmitUpTo(long before)
        {
            for (; t <= end && t < before; t += step)
            {
                if (lastTime != long.MinValue && lastTime >= t - lookback) result.Add((t, lastValue));
            }
        }
        foreach (var (time, value) in Samples(metric))
        {
            EmitUpTo(time);
            lastTime = time;
            lastValue = value;
        }
        EmitUpTo(long.MaxValue);
        return result;
    }

    /// <summary>Every generated sample of a metric's single series, oldest first, across all blocks.</summary>
    public IEnumerable<(long Time, double Value)> Samples(string metric)
    {
        foreach (var block in Year.Plan.OrderBy(b => b.MinTime))
        {
            foreach (var spec in block.Series.Where(s => s.Labels.Get("__name__") == metric))
            {
                var random = new GoRandom(SeriesSeed.Seed("1", spec.Labels, block.ExternalLabels));
                var generator = SampleGenerator.Create(spec.Type, random, spec.MinTime, spec.MaxTime, spec.Characteristics);
                while (generator.Next()) yield return (generator.Time, generator.Value);
            }
        }
    }

    public void Dispose()
    {
        _prometheus?.Dispose();
        Year.Dispose();
        _gate.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PrometheusYearCollection : ICollectionFixture<PrometheusYearFixture>
{
    public const string Name = "Prometheus on continuous-365d-tiny";
}
