namespace ThanosLab.Engine.Tsdb.Chunkenc;

/// <summary>
/// The aggregates of a Thanos aggregate chunk, in the fixed order of its entries (downsampling.md):
/// count, sum, min and max per window, and counter, the running total with resets applied.
/// </summary>
public enum AggregateType
{
    Count = 0,
    Sum = 1,
    Min = 2,
    Max = 3,
    Counter = 4,
}
