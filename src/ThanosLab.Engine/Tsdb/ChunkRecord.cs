namespace ThanosLab.Engine.Tsdb;

/// <summary>One chunk record of a segment file (formats.md §4), valid until the next read.</summary>
public readonly ref struct ChunkRecord
{
    public ChunkRecord(byte encoding, ReadOnlySpan<byte> data, long offset, int recordLength)
    {
        Encoding = encoding;
        Data = data;
        Offset = offset;
        RecordLength = recordLength;
    }

    public byte Encoding { get; }

    /// <summary>The chunk payload (for XOR: sample count and bit stream).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Where the record starts in its segment.</summary>
    public long Offset { get; }

    /// <summary>Length field, encoding byte, data and CRC together.</summary>
    public int RecordLength { get; }
}
