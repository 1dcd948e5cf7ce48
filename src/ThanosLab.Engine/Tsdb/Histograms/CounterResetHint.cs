namespace ThanosLab.Engine.Tsdb.Histograms;

/// <summary>
/// What a reader knows about a histogram sample's counter reset, as Prometheus' iterators report it:
/// a chunk's first sample is <see cref="Unknown"/> (its chunk may not follow the previous one), a
/// later sample of a counter chunk <see cref="NotCounterReset"/>, every sample of a gauge chunk
/// <see cref="Gauge"/>. Thanos' downsampling trusts the hint before comparing counts.
/// </summary>
public enum CounterResetHint
{
    Unknown,
    CounterReset,
    NotCounterReset,
    Gauge,
}
