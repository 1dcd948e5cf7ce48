namespace ThanosLab.Engine.Generation;

/// <summary>
/// A defect <see cref="BlockFaultWriter"/> writes into a generated block on purpose, as Thanos' compactor
/// meets it in a bucket (docs/compactor-halts.md lists each with the error Thanos gives). Overlapping
/// blocks need no fault: the same plan written twice makes them.
/// </summary>
public enum BlockFault
{
    /// <summary>The first series with two chunks lists them in reverse time order in the index.</summary>
    OutOfOrderChunks,

    /// <summary>The last chunk of the first series lies, samples and index entry alike, one hour after meta.json's maxTime.</summary>
    ChunkOutsideRange,

    /// <summary>The first series is in the index twice, with the same labels and its own copy of the chunks.</summary>
    DuplicateSeries,

    /// <summary>An XOR chunk with no samples sits between the first two chunks of the first series with two chunks.</summary>
    EmptyChunk,

    /// <summary>meta.json's stats.numSamples, numSeries and numChunks each claim one more than the data holds.</summary>
    WrongStats,
}
