namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// One window's aggregates: its timestamp (the window end, or the batch's last sample for the last
/// window), count, sum, min and max of the window's samples, and the counter state after it.
/// </summary>
public readonly record struct AggregateWindow(long Timestamp, int Count, double Sum, double Min, double Max, double Counter);
