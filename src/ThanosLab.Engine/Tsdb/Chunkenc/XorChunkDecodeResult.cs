namespace ThanosLab.Engine.Tsdb.Chunkenc;

/// <summary>
/// What decoding one XOR chunk found: the header's sample count, how many samples decoded before any
/// error, the error, where the samples' bits ended, and whether their timestamps increase.
/// </summary>
/// <param name="Count">The sample count from the chunk header.</param>
/// <param name="Decoded">Samples decoded; all of <paramref name="Count"/> unless <paramref name="Error"/> is set.</param>
/// <param name="Error">Why decoding stopped early, or null.</param>
/// <param name="ChunkLength">The chunk's length in bytes, header included.</param>
/// <param name="BitsUsed">Bits of the stream (after the header) the decoded samples take.</param>
/// <param name="TimestampsIncrease">
/// Each decoded sample's timestamp is greater than the one before it (true for fewer than two samples):
/// found while decoding, so that checking the order takes no second pass over the timestamps.
/// </param>
public readonly record struct XorChunkDecodeResult(int Count, int Decoded, string? Error, int ChunkLength, long BitsUsed, bool TimestampsIncrease)
{
    private const int HeaderBytes = 2;

    /// <summary>Bytes the samples occupy (header included), for messages about the length.</summary>
    public long UsedBytes => HeaderBytes + (BitsUsed + 7) / 8;

    /// <summary>
    /// Without an error: the chunk ends where the writer's stream ends — at the last used bit's byte,
    /// plus the one spare zero byte that a byte write at a byte boundary leaves (formats.md §5.1).
    /// </summary>
    public bool HasExactLength => ChunkLength == UsedBytes || (BitsUsed % 8 == 0 && ChunkLength == UsedBytes + 1);
}
