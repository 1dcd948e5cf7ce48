using ThanosLab.Engine.Tsdb.Buffers;

namespace ThanosLab.Engine.Tsdb.Chunkenc;

/// <summary>
/// Builds one Thanos aggregate chunk (encoding 0xFF): five entries in <see cref="AggregateType"/>
/// order, each a uvarint of the sub-chunk's length, its encoding byte and the sub-chunk, or a lone
/// uvarint 0 when the aggregate is absent. Sub-chunks are XOR chunks. An aggregate is present once a
/// sample was appended to it or <see cref="MarkPresent"/> was called. Reusable through <see cref="Reset"/>.
/// </summary>
public sealed class AggregateChunkEncoder
{
    public const byte Encoding = 0xFF;

    public const int Aggregates = 5;

    private readonly XorChunkEncoder[] _chunks = new XorChunkEncoder[Aggregates];
    private readonly bool[] _present = new bool[Aggregates];

    public AggregateChunkEncoder()
    {
        for (var i = 0; i < Aggregates; i++)
        {
            _chunks[i] = new XorChunkEncoder();
        }
    }

    public bool IsPresent(AggregateType type) => _present[(int)type];

    /// <summary>Samples appended to <paramref name="type"/> so far.</summary>
    public int Count(AggregateType type) => _chunks[(int)type].Count;

    public void Append(AggregateType type, long t, double v)
    {
        _present[(int)type] = true;
        _chunks[(int)type].Append(t, v);
    }

    /// <summary>Makes <paramref name="type"/> present even without samples (an empty XOR sub-chunk).</summary>
    public void MarkPresent(AggregateType type) => _present[(int)type] = true;

    public void Reset()
    {
        for (var i = 0; i < Aggregates; i++)
        {
            _chunks[i].Reset();
            _present[i] = false;
        }
    }

    /// <summary>Appends the chunk payload (what a segment record stores after its encoding byte).</summary>
    public void WriteTo(EncodingBuffer buffer)
    {
        for (var i = 0; i < Aggregates; i++)
        {
            if (!_present[i])
            {
                buffer.PutUvarint(0);
                continue;
            }
            var bytes = _chunks[i].Bytes;
            buffer.PutUvarint((ulong)bytes.Length);
            buffer.PutByte(XorChunkEncoder.Encoding);
            buffer.PutBytes(bytes);
        }
    }
}
