namespace ThanosLab;

/// <summary>
/// The defects New-ThanosBlockData -Fault writes on purpose; mirrors the engine's BlockFault by name
/// (a test keeps the two equal). docs/compactor-halts.md gives the error Thanos shows for each.
/// </summary>
public enum ThanosBlockFault
{
    /// <summary>The first series with two chunks lists them in reverse time order.</summary>
    OutOfOrderChunks,

    /// <summary>The last chunk of the first series lies one hour after the block's maxTime.</summary>
    ChunkOutsideRange,

    /// <summary>The first series is in the index twice.</summary>
    DuplicateSeries,

    /// <summary>An XOR chunk with no samples between two chunks of a series.</summary>
    EmptyChunk,

    /// <summary>meta.json's stats claim one more sample, series and chunk than the data holds.</summary>
    WrongStats,
}
