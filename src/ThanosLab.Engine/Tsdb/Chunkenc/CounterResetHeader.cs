namespace ThanosLab.Engine.Tsdb.Chunkenc;

/// <summary>The top two bits of a histogram chunk's third byte: why the chunk was started.</summary>
public enum CounterResetHeader : byte
{
    /// <summary>Not known whether a counter reset started the chunk (the series' first chunk, or a layout change).</summary>
    Unknown = 0b0000_0000,

    /// <summary>A counter reset started the chunk.</summary>
    CounterReset = 0b1000_0000,

    /// <summary>The chunk continues the previous one without a reset.</summary>
    NotCounterReset = 0b0100_0000,

    /// <summary>A gauge histogram: its counts go up and down, and there are no resets.</summary>
    Gauge = 0b1100_0000,
}
