using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Labels;
namespace ThanosLab.Engine.Tsdb.Index;

/// <summary>
/// Writes an index file, format v2 (formats.md §7), in Prometheus' stages: symbols, then series in
/// label-set order, then on <see cref="Complete"/> the label indices, postings, label offset
/// table, postings offset table and TOC. Calls out of order are refused.
/// </summary>
public sealed class IndexWriter : IDisposable
{
    public const uint Magic = 0xBAAAD700;
    public const byte FormatVersion = 2;

    private enum Stage
    {
        Symbols,
        Series,
        Done,
    }

    private readonly FileStream _file;
    private readonly EncodingBuffer _buffer = new(4096);
    private readonly Dictionary<string, int> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, List<uint>>> _postings = new(StringComparer.Ordinal);
    private readonly List<uint> _allSeries = new();
    private Stage _stage = Stage.Symbols;
    private LabelSet? _lastSeries;
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
        var sorted = new SortedSet<string>(symbols, Utf8ByteOrder.Instance) { "" };
        _toc[0] = (ulong)_position;
        var start = BeginTable();
        _buffer.PutBE32((uint)sorted.Count);
        foreach (var s in sorted)
        {
            _symbols.Add(s, _symbols.Count);
            _buffer.PutString(s);
        }
        EndTable(start);
        Flush();
        _stage = Stage.Series;
    }

    /// <summary>Adds one series; series must come in strictly increasing label-set order.</summary>
    public void AddSeries(LabelSet labels, ReadOnlySpan<SeriesChunk> chunks)
    {
        Expect(Stage.Series, "series");
        if (labels.Count == 0)
        {
            throw new ArgumentException("A series needs at least one label.", nameof(labels));
        }
        if (_lastSeries is not null && _lastSeries.CompareTo(labels) >= 0)
        {
            throw new ArgumentException($"Series {labels} is not after {_lastSeries}; series must be added in label-set order.", nameof(labels));
        }
        WriteSeries(labels, chunks);
    }

    /// <summary>
    /// Adds the previous series' label set once more: a duplicated series, which Prometheus and Thanos
    /// refuse. Only the fault writer calls it (Generation/BlockFaultWriter), to make that defect on purpose.
    /// </summary>
    public void AddDuplicateOfLastSeries(ReadOnlySpan<SeriesChunk> chunks)
    {
        Expect(Stage.Series, "series");
        WriteSeries(_lastSeries ?? throw new InvalidOperationException("There is no previous series to duplicate."), chunks);
    }

    private void WriteSeries(LabelSet labels, ReadOnlySpan<SeriesChunk> chunks)
    {
        if (_toc[1] == 0)
        {
            _toc[1] = (ulong)_position;
        }
        Pad(16);
        var id = (uint)(_position / 16);

        var entry = _buffer.Length;
        _buffer.PutUvarint((ulong)labels.Count);
        foreach (var l in labels)
        {
            _buffer.PutUvarint((ulong)Symbol(l.Name));
            _buffer.PutUvarint((ulong)Symbol(l.Value));
            Postings(l.Name, l.Value).Add(id);
        }
        _buffer.PutUvarint((ulong)chunks.Length);
        for (var i = 0; i < chunks.Length; i++)
        {
            var c = chunks[i];
            if (i == 0)
            {
                _buffer.PutVarint(c.MinTime);
                _buffer.PutUvarint((ulong)(c.MaxTime - c.MinTime));
                _buffer.PutUvarint(c.Ref);
            }
            else
            {
                var prev = chunks[i - 1];
                _buffer.PutUvarint((ulong)(c.MinTime - prev.MaxTime));
                _buffer.PutUvarint((ulong)(c.MaxTime - c.MinTime));
                _buffer.PutVarint((long)(c.Ref - prev.Ref));
            }
        }
        var content = _buffer.Span[entry..].ToArray();
        _buffer.Reset();
        _buffer.PutUvarint((ulong)content.Length);
        _buffer.PutBytes(content);
        _buffer.PutBE32(Crc32C.Compute(content));
        Flush();
        _allSeries.Add(id);
        _lastSeries = labels;
    }

    /// <summary>Writes the remaining sections and the TOC, then fsyncs the file.</summary>
    public void Complete()
    {
        Expect(Stage.Series, "the closing sections");
        if (_toc[1] == 0)
        {
            _toc[1] = (ulong)_position;
        }
        var names = _postings.Keys.OrderBy(n => n, Utf8ByteOrder.Instance).ToArray();

        _toc[2] = (ulong)_position;
        var labelIndexOffsets = new List<(string Name, long Offset)>();
        foreach (var name in names)
        {
            Pad(4);
            labelIndexOffsets.Add((name, _position));
            var values = SortedValues(name);
            var start = BeginTable();
            _buffer.PutBE32(1);
            _buffer.PutBE32((uint)values.Length);
            foreach (var v in values)
            {
                _buffer.PutBE32((uint)_symbols[v]);
            }
            EndTable(start);
            Flush();
        }

        _toc[4] = (ulong)_position;
        var postingsOffsets = new List<(string Name, string Value, long Offset)>();
        postingsOffsets.Add(("", "", WritePostings(_allSeries)));
        foreach (var name in names)
        {
            foreach (var value in SortedValues(name))
            {
                postingsOffsets.Add((name, value, WritePostings(_postings[name][value])));
            }
        }

        _toc[3] = (ulong)_position;
        var table = BeginTable();
        _buffer.PutBE32((uint)labelIndexOffsets.Count);
        foreach (var (name, offset) in labelIndexOffsets)
        {
            _buffer.PutByte(1);
            _buffer.PutString(name);
            _buffer.PutUvarint((ulong)offset);
        }
        EndTable(table);
        Flush();

        _toc[5] = (ulong)_position;
        table = BeginTable();
        _buffer.PutBE32((uint)postingsOffsets.Count);
        foreach (var (name, value, offset) in postingsOffsets)
        {
            _buffer.PutByte(2);
            _buffer.PutString(name);
            _buffer.PutString(value);
            _buffer.PutUvarint((ulong)offset);
        }
        EndTable(table);
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

    private long WritePostings(List<uint> series)
    {
        Pad(4);
        var offset = _position;
        var start = BeginTable();
        _buffer.PutBE32((uint)series.Count);
        foreach (var id in series)
        {
            _buffer.PutBE32(id);
        }
        EndTable(start);
        Flush();
        return offset;
    }

    private string[] SortedValues(string name) =>
        _postings[name].Keys.OrderBy(v => v, Utf8ByteOrder.Instance).ToArray();

    private List<uint> Postings(string name, string value)
    {
        if (!_postings.TryGetValue(name, out var values))
        {
            _postings[name] = values = new Dictionary<string, List<uint>>(StringComparer.Ordinal);
        }
        if (!values.TryGetValue(value, out var list))
        {
            values[value] = list = new List<uint>();
        }
        return list;
    }

    private int Symbol(string s) =>
        _symbols.TryGetValue(s, out var i) ? i : throw new ArgumentException($"'{s}' is not in the symbol table.", nameof(s));

    // Table envelope: be32 length | body | be32 CRC32C(body).
    private int BeginTable()
    {
        var start = _buffer.Length;
        _buffer.PutBE32(0);
        return start;
    }

    private void EndTable(int start)
    {
        var bodyStart = start + 4;
        _buffer.SetBE32(start, (uint)(_buffer.Length - bodyStart));
        _buffer.PutCrc32C(bodyStart);
    }

    private void Pad(int alignment)
    {
        var total = _position + _buffer.Length;
        var pad = (int)((alignment - total % alignment) % alignment);
        for (var i = 0; i < pad; i++)
        {
            _buffer.PutByte(0);
        }
        Flush();
    }

    private void Flush()
    {
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
