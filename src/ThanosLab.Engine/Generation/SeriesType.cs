namespace ThanosLab.Engine.Generation;

/// <summary>thanosbench's series kinds; the plan YAML spells them GAUGE, COUNTER, RANDOM.</summary>
public enum SeriesType
{
    Gauge,
    Counter,
    Random,
}
