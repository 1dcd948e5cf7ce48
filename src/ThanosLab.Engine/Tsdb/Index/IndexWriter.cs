using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Labels;
namespace ThanosLab.Engine.Tsdb.Index;

/// <summary>
/// Writes an index file, format v2 (formats.md §7), in Prometheus' stages: symbols, then series in
/// label-set order, then on <see cref="Complete"/> the label indices, postings, label offset
/// table, postings offset table and TOC. Calls out of order are refused.
/// </summary>
/// <remarks>
/// Series entries go to the file as they come; what stays in memory until the end is what the
/// closing sections need: per series its id and the (name, value) pairs of its labels, as numbers,
/// from which the postings are laid out in one array at the end. A label is a pair of symbol
/// references, and the symbol table is sorted, so references compare as their strings do.
/// </remarks>
public sealed class IndexWriter : IDisposable
{
    public const uint Magic = 0xBAAAD700;
    public const byte FormatVersion = 2;

    // Series entries are gathered into writes of about this size.
    private const int WriteSize = 1 << 16;

    private enum Stage
    {
        Symbols,
        Series,
        Done,
    }

    private readonly FileStream _file;
    private readonly EncodingBuffer _buffer = new(WriteSize + 4096);
    private readonly EncodingBuffer _entry = new(256);
    private string[] _symbols = Array.Empty<string>();

    // Each distinct (name, value) reference pair gets an id in order of first use.
    private readonly Dictionary<long, int> _pairIds = new();
    private readonly List<long> _pairs = new();
    private readonly List<int> _pairSeries = new();

    // Per series: the label count, then its pair ids; and its id (offset / 16).
    private readonly List<int> _seriesPairs = new();
    private readonly List<uint> _seriesIds = new();
    private int[] _lastSeries = Array.Empty<int>();
    private int _lastSeriesLength;
    private int[] _refScratch = new int[16];
    private readonly System.IO.Hashing.Crc32 _tableCrc = new(System.IO.Hashing.Crc32ParameterSet.Crc32C);
    private bool _tableOpen;
    private int _tableBodyInBuffer;
    private Stage _stage = Stage.Symbols;
    private long _position;
    private readonly ulong[] _toc = new ulong[6];

    public IndexWriter(string path)
    {
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        _buffer.PutBE32(Magic);
        _buffer.PutByte(FormatVersion);
        Flush();
    }

    /// <summary>
    /// Writes the symbol table: every label name and value of the block. The empty string is added
    /// because Prometheus' all-postings key puts it there too.
    /// </summary>
    public void AddSymbols(IEnumerable<string> symbols)
    {
        Expect(Stage.Symbols, "symbols");
        var sorted = symbols.Append("").ToArray();
        Array.Sort(sorted, Utf8ByteOrder.Instance);
        var distinct = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (distinct == 0 || !string.Equals(sorted[i], sorted[distinct - 1], StringComparison.Ordinal))
            {
                sorted[distinct++] = sorted[i];
            }
        }
        Array.Resize(ref sorted, distinct);
        _symbols = sorted;
        _toc[0] = (ulong)Position;
        var start = BeginTable();
        _buffer.PutBE32((uint)sorted.Length);
        foreach (var s in sorted)
        {
            _buffer.PutString(s);
            FlushWhenFull();
        }
        EndTable(start);
        Flush();
        _stage = Stage.Series;
    }

    /// <summary>The reference of a symbol written by <see cref="AddSymbols"/>.</summary>
    public int SymbolRef(string s)
    {
        var i = Array.BinarySearch(_symbols, s, Utf8ByteOrder.Instance);
        return i >= 0 ? i : throw new ArgumentException($"'{s}' is not in the symbol table.", nameof(s));
    }

    /// <summary>Adds one series; series must come in strictly increasing label-set order.</summary>
    public void AddSeries(LabelSet labels, ReadOnlySpan<SeriesChunk> chunks)
    {
        Expect(Stage.Series, "series");
        if (labels.Count == 0)
        {
            throw new ArgumentException("A series needs at least one label.", nameof(labels));
        }
        if (_refScratch.Length < 2 * labels.Count)
        {
            _refScratch = new int[2 * labels.Count];
        }
        for (var i = 0; i < labels.Count; i++)
        {
            _refScratch[2 * i] = SymbolRef(labels[i].Name);
            _refScratch[2 * i + 1] = SymbolRef(labels[i].Value);
        }
        AddSeries(_refScratch.AsSpan(0, 2 * labels.Count), chunks);
    }

    /// <summary>
    /// Adds one series by the symbol references of its labels, name and value after each other with
    /// the names in order; series must come in strictly increasing label-set order.
    /// </summary>
    public void AddSeries(ReadOnlySpan<int> labelRefs, ReadOnlySpan<SeriesChunk> chunks)
    {
        Expect(Stage.Series, "series");
        if (labelRefs.Length == 0 || labelRefs.Length % 2 != 0)
        {
            throw new ArgumentException("A series needs at least one label, each a name and a value reference.", nameof(labelRefs));
        }
        for (var i = 0; i < labelRefs.Length; i++)
        {
            if ((uint)labelRefs[i] >= (uint)_symbols.Length || (i % 2 == 0 && i > 0 && labelRefs[i] <= labelRefs[i - 2]))
            {
                throw new ArgumentException($"The label references [{string.Join(", ", labelRefs.ToArray())}] are not names in order with values of the symbol table.", nameof(labelRefs));
            }
        }
        if (_toc[1] != 0 && labelRefs.SequenceCompareTo(_lastSeries.AsSpan(0, _lastSeriesLength)) <= 0)
        {
            throw new ArgumentException($"Series {Describe(labelRefs)} is not after {Describe(_lastSeries.AsSpan(0, _lastSeriesLength))}; series must be added in label-set order.", nameof(labelRefs));
        }
        WriteSeries(labelRefs, chunks);
    }

    /// <summary>
    /// Adds the previous series' label set once more: a duplicated series, which Prometheus and Thanos
    /// refuse. Only the fault writer calls it (Generation/BlockFaultWriter), to make that defect on purpose.
    /// </summary>
    public void AddDuplicateOfLastSeries(ReadOnlySpan<SeriesChunk> chunks)
    {
        Expect(Stage.Series, "series");
        if (_lastSeriesLength == 0)
        {
            throw new InvalidOperationException("There is no previous series to duplicate.");
        }
        WriteSeries(_lastSeries.AsSpan(0, _lastSeriesLength), chunks);
    }

    private void WriteSeries(ReadOnlySpan<int> labelRefs, ReadOnlySpan<SeriesChunk> chunks)
    {
        if (_toc[1] == 0)
        {
            _toc[1] = (ulong)Position;
        }
        Pad(16);
        var id = (uint)(Position / 16);

        _entry.Reset();
        _entry.PutUvarint((ulong)(labelRefs.Length / 2));
        _seriesPairs.Add(labelRefs.Length / 2);
        for (var i = 0; i < labelRefs.Length; i += 2)
        {
            _entry.PutUvarint((ulong)labelRefs[i]);
            _entry.PutUvarint((ulong)labelRefs[i + 1]);
            _seriesPairs.Add(PairId(labelRefs[i], labelRefs[i + 1]));
        }
        _entry.PutUvarint((ulong)chunks.Length);
        for (var i = 0; i < chunks.Length; i++)
        {
            var c = chunks[i];
            if (i == 0)
            {
                _entry.PutVarint(c.MinTime);
                _entry.PutUvarint((ulong)(c.MaxTime - c.MinTime));
                _entry.PutUvarint(c.Ref);
            }
            else
            {
                var prev = chunks[i - 1];
                _entry.PutUvarint((ulong)(c.MinTime - prev.MaxTime));
                _entry.PutUvarint((ulong)(c.MaxTime - c.MinTime));
                _entry.PutVarint((long)(c.Ref - prev.Ref));
            }
        }
        _buffer.PutUvarint((ulong)_entry.Length);
        _buffer.PutBytes(_entry.Span);
        _buffer.PutBE32(Crc32C.Compute(_entry.Span));
        FlushWhenFull();
        _seriesIds.Add(id);
        if (_lastSeries.Length < labelRefs.Length)
        {
            _lastSeries = new int[Math.Max(labelRefs.Length, 16)];
        }
        labelRefs.CopyTo(_lastSeries);
        _lastSeriesLength = labelRefs.Length;
    }

    private int PairId(int name, int value)
    {
        var key = ((long)name << 32) | (uint)value;
        if (!_pairIds.TryGetValue(key, out var pair))
        {
            pair = _pairs.Count;
            _pairIds.Add(key, pair);
            _pairs.Add(key);
            _pairSeries.Add(0);
        }
        _pairSeries[pair]++;
        return pair;
    }

    private string Describe(ReadOnlySpan<int> labelRefs)
    {
        var labels = new Label[labelRefs.Length / 2];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = new Label(_symbols[labelRefs[2 * i]], _symbols[labelRefs[2 * i + 1]]);
        }
        return LabelSet.FromSorted(labels).ToString();
    }

    /// <summary>Writes the remaining sections and the TOC, then fsyncs the file.</summary>
    public void Complete()
    {
        Expect(Stage.Series, "the closing sections");
        if (_toc[1] == 0)
        {
            _toc[1] = (ulong)Position;
        }
        // Pairs in (name, value) order, which is their symbols' order; each pair's series ids lie at
        // postings[start[p] .. start[p + 1]), in the order the series were added.
        var order = new int[_pairs.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var keys = _pairs.ToArray();
        Array.Sort(keys, order);
        var start = new int[order.Length + 1];
        var place = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            place[order[i]] = i;
            start[i + 1] = start[i] + _pairSeries[order[i]];
        }
        var postings = new uint[start[^1]];
        var next = (int[])start.Clone();
        var series = 0;
        for (var i = 0; i < _seriesPairs.Count; series++)
        {
            var count = _seriesPairs[i++];
            for (var end = i + count; i < end; i++)
            {
                postings[next[place[_seriesPairs[i]]]++] = _seriesIds[series];
            }
        }

        // Names with the range of their pairs in sorted order.
        var names = new List<(int Name, int First, int End)>();
        for (var i = 0; i < keys.Length; i++)
        {
            var name = (int)(keys[i] >> 32);
            if (names.Count > 0 && names[^1].Name == name)
            {
                names[^1] = names[^1] with { End = i + 1 };
            }
            else
            {
                names.Add((name, i, i + 1));
            }
        }

        _toc[2] = (ulong)Position;
        var labelIndexOffsets = new long[names.Count];
        for (var n = 0; n < names.Count; n++)
        {
            Pad(4);
            labelIndexOffsets[n] = Position;
            var table = BeginTable();
            _buffer.PutBE32(1);
            _buffer.PutBE32((uint)(names[n].End - names[n].First));
            for (var i = names[n].First; i < names[n].End; i++)
            {
                _buffer.PutBE32((uint)keys[i]);
                FlushWhenFull();
            }
            EndTable(table);
        }

        _toc[4] = (ulong)Position;
        var allOffset = WritePostings(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_seriesIds));
        var postingsOffsets = new long[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            postingsOffsets[i] = WritePostings(postings.AsSpan(start[i], start[i + 1] - start[i]));
        }

        _toc[3] = (ulong)Position;
        var offsets = BeginTable();
        _buffer.PutBE32((uint)names.Count);
        for (var n = 0; n < names.Count; n++)
        {
            _buffer.PutByte(1);
            _buffer.PutString(_symbols[names[n].Name]);
            _buffer.PutUvarint((ulong)labelIndexOffsets[n]);
            FlushWhenFull();
        }
        EndTable(offsets);

        _toc[5] = (ulong)Position;
        offsets = BeginTable();
        _buffer.PutBE32((uint)(keys.Length + 1));
        _buffer.PutByte(2);
        _buffer.PutString("");
        _buffer.PutString("");
        _buffer.PutUvarint((ulong)allOffset);
        for (var i = 0; i < keys.Length; i++)
        {
            _buffer.PutByte(2);
            _buffer.PutString(_symbols[(int)(keys[i] >> 32)]);
            _buffer.PutString(_symbols[(int)keys[i]]);
            _buffer.PutUvarint((ulong)postingsOffsets[i]);
            FlushWhenFull();
        }
        EndTable(offsets);

        Flush();
        foreach (var offset in _toc)
        {
            _buffer.PutBE64(offset);
        }
        _buffer.PutCrc32C(0);
        Flush();
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        _stage = Stage.Done;
    }

    private long WritePostings(ReadOnlySpan<uint> series)
    {
        Pad(4);
        var offset = Position;
        var start = BeginTable();
        _buffer.PutBE32((uint)series.Length);
        foreach (var id in series)
        {
            _buffer.PutBE32(id);
            FlushWhenFull();
        }
        EndTable(start);
        return offset;
    }

    private long Position => _position + _buffer.Length;

    // Table envelope: be32 length | body | be32 CRC32C(body). A table may be larger than what is
    // gathered for one write (the symbols or the postings of a million series): its CRC is taken
    // as its body goes out, and its length is set in the file if it has gone out already.
    private long BeginTable()
    {
        var start = Position;
        _buffer.PutBE32(0);
        _tableCrc.Reset();
        _tableBodyInBuffer = _buffer.Length;
        _tableOpen = true;
        return start;
    }

    private void EndTable(long start)
    {
        _tableCrc.Append(_buffer.Span[_tableBodyInBuffer..]);
        _tableOpen = false;
        var length = (uint)(Position - start - 4);
        if (start >= _position)
        {
            _buffer.SetBE32((int)(start - _position), length);
        }
        else
        {
            Span<byte> field = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(field, length);
            _file.Seek(start, SeekOrigin.Begin);
            _file.Write(field);
            _file.Seek(0, SeekOrigin.End);
        }
        _buffer.PutBE32(_tableCrc.GetCurrentHashAsUInt32());
    }

    private void Pad(int alignment)
    {
        var pad = (int)((alignment - Position % alignment) % alignment);
        for (var i = 0; i < pad; i++)
        {
            _buffer.PutByte(0);
        }
    }

    private void FlushWhenFull()
    {
        if (_buffer.Length >= WriteSize)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_tableOpen)
        {
            _tableCrc.Append(_buffer.Span[_tableBodyInBuffer..]);
            _tableBodyInBuffer = 0;
        }
        _file.Write(_buffer.Span);
        _position += _buffer.Length;
        _buffer.Reset();
    }

    private void Expect(Stage stage, string what)
    {
        if (_stage != stage)
        {
            throw new InvalidOperationException($"The index writer cannot take {what} in stage {_stage}.");
        }
    }

    public void Dispose() => _file.Dispose();
}
