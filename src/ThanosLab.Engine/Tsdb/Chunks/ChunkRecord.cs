namespace ThanosLab.Engine.Tsdb.Chunks;

/// <summary>One chunk record of a segment file (formats.md §4), valid until the next read.</summary>
public readonly ref struct ChunkRecord
{
    public ChunkRecord(string segment, byte encoding, ReadOnlySpan<byte> data, long offset, int recordLength)
    {
        Segment = segment;
        Encoding = encoding;
        Data = data;
        Offset = offset;
        RecordLength = recordLength;
    }

    /// <summary>The segment file relative to the block (<c>chunks/000001</c>).</summary>
    public string Segment { get; }

    public byte Encoding { get; }

    /// <summary>The chunk payload (for XOR: sample count and bit stream).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Where the record starts in its segment.</summary>
    public long Offset { get; }

    /// <summary>Length field, encoding byte, data and CRC together.</summary>
    public int RecordLength { get; }
}
