using System.Runtime.CompilerServices;
using ThanosLab.Engine.Tsdb.Buffers;

namespace ThanosLab.Engine.Tsdb.Chunkenc;

/// <summary>
/// Splits one Thanos aggregate chunk (encoding 0xFF, see <see cref="AggregateChunkEncoder"/>) into its
/// five sub-chunks. Corrupt input never throws: <see cref="Error"/> says what is wrong with the entry
/// layout, and the entries before the broken one stay readable. A sub-chunk's samples are read with
/// <see cref="Samples"/>, whose decoder reports corrupt sub-chunks the same way.
/// </summary>
public readonly ref struct AggregateChunkDecoder
{
    // Made once: the decoder runs for every chunk a downsampler reads.
    private static readonly string[] LengthNames = Enumerable.Range(0, AggregateChunkEncoder.Aggregates)
        .Select(i => $"the {Name((AggregateType)i)} entry's length").ToArray();

    private readonly ReadOnlySpan<byte> _chunk;
    private readonly Entries _entries;

    /// <param name="chunk">The chunk payload as stored after the record's encoding byte.</param>
    public AggregateChunkDecoder(ReadOnlySpan<byte> chunk)
    {
        _chunk = chunk;
        _entries = default;
        Error = null;
        var reader = new DecodingBuffer(chunk);
        for (var i = 0; i < AggregateChunkEncoder.Aggregates; i++)
        {
            var length = reader.UvarintLength(LengthNames[i]);
            if (reader.Failed)
            {
                Error = $"the {Name((AggregateType)i)} entry at byte {reader.ErrorOffset}: {reader.Error}";
                break;
            }
            if (length == 0)
            {
                continue;
            }
            if (reader.Remaining < length + 1)
            {
                Error = $"the {Name((AggregateType)i)} entry announces {length} bytes and an encoding byte, but only {reader.Remaining} bytes remain";
                break;
            }
            var encoding = reader.Byte();
            _entries[i] = new Entry(reader.Position, length, encoding, true);
            reader.Skip(length);
        }
        Length = reader.Position;
    }

    /// <summary>What is wrong with the entry layout, or null.</summary>
    public string? Error { get; }

    /// <summary>Bytes the five entries occupy; a well-formed chunk has nothing after them.</summary>
    public int Length { get; }

    /// <summary>Bytes after the five entries (Thanos ignores them; a writer never leaves any).</summary>
    public int TrailingBytes => Error is null ? _chunk.Length - Length : 0;

    public bool IsPresent(AggregateType type) => _entries[(int)type].Present;

    /// <summary>The sub-chunk's encoding byte (1 = XOR for float series); 0 when absent.</summary>
    public byte EncodingOf(AggregateType type) => _entries[(int)type].Encoding;

    /// <summary>The sub-chunk's bytes (empty when absent).</summary>
    public ReadOnlySpan<byte> SubChunk(AggregateType type)
    {
        var e = _entries[(int)type];
        return e.Present ? _chunk.Slice(e.Start, e.Length) : default;
    }

    /// <summary>Windows in the chunk: the count sub-chunk's sample count, 0 when count is absent (as Thanos counts them).</summary>
    public int WindowCount => IsPresent(AggregateType.Count) ? XorChunkDecoder.SampleCount(SubChunk(AggregateType.Count)) : 0;

    public static string Name(AggregateType type) => type switch
    {
        AggregateType.Count => "count",
        AggregateType.Sum => "sum",
        AggregateType.Min => "min",
        AggregateType.Max => "max",
        AggregateType.Counter => "counter",
        _ => type.ToString(),
    };

    private readonly record struct Entry(int Start, int Length, byte Encoding, bool Present);

    [InlineArray(AggregateChunkEncoder.Aggregates)]
    private struct Entries
    {
        private Entry _first;
    }
}
