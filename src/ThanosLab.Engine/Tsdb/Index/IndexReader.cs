using System.Buffers.Binary;
using System.Globalization;
using ThanosLab.Engine.IO;
using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunks;

namespace ThanosLab.Engine.Tsdb.Index;

/// <summary>
/// Reads an index file, format v2 (formats.md §7): header and TOC, the symbol table and both offset
/// tables on open; series entries, label indices and postings lists on demand. Every table's CRC is
/// checked; problems are added to the caller's issue collection as they are found (a collection that
/// throws turns this into a strict reader). Reads go through a <see cref="FileWindow"/>, never outside
/// the file, and memory holds the symbols and offset tables, not the series.
/// </summary>
public sealed class IndexReader : IDisposable
{
    public const string FileName = BlockWriter.IndexFileName;

    private const int HeaderSize = 5;

    private readonly FileWindow _file;
    private readonly ICollection<BlockIssue> _issues;

    private IndexReader(FileWindow file, ICollection<BlockIssue> issues, IndexToc toc)
    {
        _file = file;
        _issues = issues;
        Toc = toc;
    }

    public IndexToc Toc { get; }

    public long Length => _file.Length;

    public IReadOnlyList<string> Symbols { get; private set; } = Array.Empty<string>();

    public IReadOnlyList<LabelIndexOffset> LabelIndexOffsets { get; private set; } = Array.Empty<LabelIndexOffset>();

    public IReadOnlyList<PostingsOffset> PostingsOffsets { get; private set; } = Array.Empty<PostingsOffset>();

    /// <summary>
    /// Opens the index and reads its header, TOC, symbols and offset tables. Returns null when the
    /// header, TOC or symbol table is unusable (the reasons are in <paramref name="issues"/>).
    /// </summary>
    public static IndexReader? Open(string path, ICollection<BlockIssue> issues)
    {
        var block = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        if (RegularFile.Problem(path, block) is { } problem)
        {
            issues.Add(new BlockIssue(FileName, null, null, problem));
            return null;
        }
        var file = FileWindow.Open(path, block);
        try
        {
            var toc = ReadHeaderAndToc(file, issues);
            var reader = toc is null ? null : new IndexReader(file, issues, toc);
            if (reader is null || !reader.ReadSymbols())
            {
                file.Dispose();
                return null;
            }
            reader.ReadLabelOffsetTable();
            reader.ReadPostingsOffsetTable();
            return reader;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static IndexToc? ReadHeaderAndToc(FileWindow file, ICollection<BlockIssue> issues)
    {
        if (!file.TryRead(0, HeaderSize, out var header))
        {
            issues.Add(new BlockIssue(FileName, 0, null, $"the index is {file.Length} bytes, shorter than its {HeaderSize}-byte header"));
            return null;
        }
        var magic = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (magic != IndexWriter.Magic)
        {
            issues.Add(new BlockIssue(FileName, 0, null, Invariant($"magic number 0x{magic:X8} is not the index magic 0x{IndexWriter.Magic:X8}")));
            return null;
        }
        if (header[4] != IndexWriter.FormatVersion)
        {
            issues.Add(new BlockIssue(FileName, 4, null, header[4] == 1
                ? "index format version 1 is a legacy format that is not verified; only version 2 is supported"
                : $"index format version {header[4]} is unknown; only version 2 is supported"));
            return null;
        }
        var tocStart = file.Length - IndexToc.Size;
        if (tocStart < HeaderSize || !file.TryRead(tocStart, IndexToc.Size, out var tocBytes))
        {
            issues.Add(new BlockIssue(FileName, null, null, $"the index is {file.Length} bytes, too short for a header and the {IndexToc.Size}-byte TOC"));
            return null;
        }
        var stored = BinaryPrimitives.ReadUInt32BigEndian(tocBytes[48..]);
        var computed = Crc32C.Compute(tocBytes[..48]);
        if (stored != computed)
        {
            issues.Add(new BlockIssue(FileName, tocStart, null, Invariant($"TOC CRC32C mismatch: stored 0x{stored:X8}, computed 0x{computed:X8}")));
            return null;
        }
        var d = new DecodingBuffer(tocBytes, tocStart);
        var values = new long[6];
        for (var i = 0; i < values.Length; i++)
        {
            var v = d.Be64();
            values[i] = v > (ulong)tocStart ? -1 : (long)v;
        }
        string[] names = { "symbols", "series", "labelIndices", "labelOffsetTable", "postings", "postingsOffsetTable" };
        var bad = Enumerable.Range(0, 6).Where(i => values[i] < HeaderSize).ToArray();
        if (bad.Length > 0)
        {
            issues.Add(new BlockIssue(FileName, tocStart, null,
                $"TOC entries {string.Join(", ", bad.Select(i => names[i]))} point outside the index sections [{HeaderSize}, {tocStart})"));
            return null;
        }
        var toc = new IndexToc(values[0], values[1], values[2], values[3], values[4], values[5]);
        // Physical order: symbols, series, label indices, postings, label offset table, postings offset table.
        if (!(toc.Symbols < toc.Series && toc.Series <= toc.LabelIndices && toc.LabelIndices <= toc.Postings &&
              toc.Postings <= toc.LabelOffsetTable && toc.LabelOffsetTable < toc.PostingsOffsetTable))
        {
            issues.Add(new BlockIssue(FileName, tocStart, null,
                Invariant($"TOC sections are out of order: symbols {toc.Symbols}, series {toc.Series}, label indices {toc.LabelIndices}, postings {toc.Postings}, label offset table {toc.LabelOffsetTable}, postings offset table {toc.PostingsOffsetTable}")));
            return null;
        }
        return toc;
    }

    /// <summary>
    /// Reads a table envelope (be32 length, body, be32 CRC32C) at <paramref name="offset"/>. A CRC
    /// mismatch is reported and the body is still returned, so its content can be checked too.
    /// </summary>
    private bool TryReadTable(long offset, string what, string? series, out ReadOnlySpan<byte> body)
    {
        body = default;
        if (!_file.TryRead(offset, 4, out var lengthBytes))
        {
            _issues.Add(new BlockIssue(FileName, offset, series, $"{what} starts outside the {_file.Length}-byte index"));
            return false;
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(lengthBytes);
        if (!_file.Contains(offset, 4L + length + 4) || length > int.MaxValue - 8)
        {
            _issues.Add(new BlockIssue(FileName, offset, series, $"{what} of {length} bytes runs past the end of the {_file.Length}-byte index"));
            return false;
        }
        _file.TryRead(offset, (int)length + 8, out var table);
        body = table.Slice(4, (int)length);
        var stored = BinaryPrimitives.ReadUInt32BigEndian(table[(4 + (int)length)..]);
        var computed = Crc32C.Compute(body);
        if (stored != computed)
        {
            _issues.Add(new BlockIssue(FileName, offset, series, Invariant($"{what} CRC32C mismatch: stored 0x{stored:X8}, computed 0x{computed:X8}")));
        }
        return true;
    }

    private bool ReadSymbols()
    {
        if (!TryReadTable(Toc.Symbols, "the symbol table", null, out var body))
        {
            return false;
        }
        var d = new DecodingBuffer(body, Toc.Symbols + 4);
        var count = d.Be32();
        if (count > (uint)body.Length)
        {
            _issues.Add(new BlockIssue(FileName, Toc.Symbols, null, $"the symbol table claims {count} symbols in {body.Length} bytes"));
            return false;
        }
        var symbols = new string[count];
        ReadOnlySpan<byte> previous = default;
        var reportedOrder = false;
        for (var i = 0; i < count; i++)
        {
            var at = d.Offset;
            var bytes = d.UvarintBytes();
            if (d.Failed)
            {
                _issues.Add(new BlockIssue(FileName, d.ErrorOffset, null, $"symbol {i} of {count}: {d.Error}"));
                return false;
            }
            if (i > 0 && previous.SequenceCompareTo(bytes) >= 0 && !reportedOrder)
            {
                reportedOrder = true;
                _issues.Add(new BlockIssue(FileName, at, null, $"symbol {i} is not after symbol {i - 1} in byte order; the symbol table must be sorted and free of duplicates"));
            }
            symbols[i] = System.Text.Encoding.UTF8.GetString(bytes);
            previous = bytes;
        }
        if (d.Remaining != 0)
        {
            _issues.Add(new BlockIssue(FileName, d.Offset, null, $"the symbol table has {d.Remaining} bytes after its {count} symbols"));
        }
        Symbols = symbols;
        return true;
    }

    private void ReadLabelOffsetTable()
    {
        if (!TryReadTable(Toc.LabelOffsetTable, "the label offset table", null, out var body))
        {
            return;
        }
        var d = new DecodingBuffer(body, Toc.LabelOffsetTable + 4);
        var count = d.Be32();
        var entries = new List<LabelIndexOffset>();
        for (var i = 0; i < count && !d.Failed; i++)
        {
            var at = d.Offset;
            var keys = d.Byte();
            var name = d.UvarintString();
            var offset = d.Uvarint();
            if (d.Failed) break;
            if (keys != 1)
            {
                _issues.Add(new BlockIssue(FileName, at, null, $"label offset table entry {i} has {keys} keys; entries have exactly 1"));
            }
            entries.Add(new LabelIndexOffset(name, offset > long.MaxValue ? -1 : (long)offset));
        }
        if (d.Failed)
        {
            _issues.Add(new BlockIssue(FileName, d.ErrorOffset, null, "label offset table: " + d.Error));
        }
        else if (d.Remaining != 0)
        {
            _issues.Add(new BlockIssue(FileName, d.Offset, null, $"the label offset table has {d.Remaining} bytes after its {count} entries"));
        }
        LabelIndexOffsets = entries;
    }

    private void ReadPostingsOffsetTable()
    {
        if (!TryReadTable(Toc.PostingsOffsetTable, "the postings offset table", null, out var body))
        {
            return;
        }
        var d = new DecodingBuffer(body, Toc.PostingsOffsetTable + 4);
        var count = d.Be32();
        var entries = new List<PostingsOffset>();
        for (var i = 0; i < count && !d.Failed; i++)
        {
            var at = d.Offset;
            var keys = d.Byte();
            var name = d.UvarintString();
            var value = d.UvarintString();
            var offset = d.Uvarint();
            if (d.Failed) break;
            if (keys != 2)
            {
                _issues.Add(new BlockIssue(FileName, at, null, $"postings offset table entry {i} has {keys} keys; entries have exactly 2 (name and value)"));
            }
            entries.Add(new PostingsOffset(name, value, offset > long.MaxValue ? -1 : (long)offset));
        }
        if (d.Failed)
        {
            _issues.Add(new BlockIssue(FileName, d.ErrorOffset, null, "postings offset table: " + d.Error));
        }
        else if (d.Remaining != 0)
        {
            _issues.Add(new BlockIssue(FileName, d.Offset, null, $"the postings offset table has {d.Remaining} bytes after its {count} entries"));
        }
        PostingsOffsets = entries;
    }

    /// <summary>The first possible series entry at or after <paramref name="position"/>: entries are 16-byte aligned.</summary>
    public static long AlignSeries(long position) => (position + 15) / 16 * 16;

    /// <summary>Where the table envelope at <paramref name="offset"/> ends, from its length field alone.</summary>
    public bool TryTableEnd(long offset, out long end)
    {
        end = _file.TryRead(offset, 4, out var bytes) ? offset + 8 + BinaryPrimitives.ReadUInt32BigEndian(bytes) : -1;
        return end >= 0;
    }

    /// <summary>True when the bytes [start, end) exist and are all zero (the padding writers put between entries).</summary>
    public bool IsZeroPadding(long start, long end) =>
        end - start is >= 0 and < 16 && _file.TryRead(start, (int)(end - start), out var bytes) && !bytes.ContainsAnyExcept((byte)0);

    /// <summary>
    /// Decodes the series entry at <paramref name="offset"/> into <paramref name="entry"/>.
    /// <paramref name="end"/> is where the entry ends (or -1 when its length is unreadable), so a scan
    /// can go on after an entry with a bad CRC or content.
    /// </summary>
    public bool TryReadSeries(long offset, SeriesEntry entry, out long end)
    {
        end = -1;
        entry.Offset = offset;
        entry.LabelSymbols.Clear();
        entry.Chunks.Clear();
        var head = new DecodingBuffer(_file.ReadAtMost(offset, 10), offset);
        var length = head.UvarintLength("the series entry length");
        if (head.Failed)
        {
            _issues.Add(new BlockIssue(FileName, offset, null, "series entry: " + head.Error));
            return false;
        }
        var prefix = head.Position;
        if (!_file.Contains(offset, (long)prefix + length + 4))
        {
            _issues.Add(new BlockIssue(FileName, offset, null, $"the series entry of {length} bytes runs past the end of the {_file.Length}-byte index"));
            return false;
        }
        end = offset + prefix + length + 4;
        _file.TryRead(offset, prefix + length + 4, out var bytes);
        var content = bytes.Slice(prefix, length);
        var stored = BinaryPrimitives.ReadUInt32BigEndian(bytes[(prefix + length)..]);
        var computed = Crc32C.Compute(content);
        if (stored != computed)
        {
            _issues.Add(new BlockIssue(FileName, offset, null, Invariant($"series entry CRC32C mismatch: stored 0x{stored:X8}, computed 0x{computed:X8}")));
            return false;
        }
        return DecodeSeries(new DecodingBuffer(content, offset + prefix), entry);
    }

    private bool DecodeSeries(DecodingBuffer d, SeriesEntry entry)
    {
        var labels = d.UvarintLength("the label count");
        if (!d.Failed && labels > d.Remaining / 2)
        {
            _issues.Add(new BlockIssue(FileName, entry.Offset, null, $"the series entry claims {labels} labels in {d.Remaining} bytes"));
            return false;
        }
        for (var i = 0; i < 2 * labels && !d.Failed; i++)
        {
            var at = d.Offset;
            var symbol = d.Uvarint();
            if (!d.Failed && symbol >= (ulong)Symbols.Count)
            {
                _issues.Add(new BlockIssue(FileName, at, null, $"label {(i % 2 == 0 ? "name" : "value")} symbol {symbol} is not in the {Symbols.Count}-entry symbol table"));
                return false;
            }
            entry.LabelSymbols.Add((int)symbol);
        }
        var chunks = d.UvarintLength("the chunk count");
        if (!d.Failed && chunks > d.Remaining / 3)
        {
            _issues.Add(new BlockIssue(FileName, entry.Offset, null, $"the series entry claims {chunks} chunks in {d.Remaining} bytes"));
            return false;
        }
        SeriesChunk previous = default;
        for (var i = 0; i < chunks && !d.Failed; i++)
        {
            SeriesChunk c;
            if (i == 0)
            {
                var mint = d.Varint();
                c = new SeriesChunk(mint, mint + (long)d.Uvarint(), d.Uvarint());
            }
            else
            {
                var mint = previous.MaxTime + (long)d.Uvarint();
                c = new SeriesChunk(mint, mint + (long)d.Uvarint(), (ulong)((long)previous.Ref + d.Varint()));
            }
            entry.Chunks.Add(c);
            previous = c;
        }
        if (d.Failed)
        {
            _issues.Add(new BlockIssue(FileName, d.ErrorOffset, null, "series entry: " + d.Error));
            return false;
        }
        if (d.Remaining != 0)
        {
            _issues.Add(new BlockIssue(FileName, d.Offset, null, $"the series entry has {d.Remaining} bytes after its {chunks} chunks"));
        }
        return true;
    }

    /// <summary>Reads the postings list at <paramref name="offset"/> (formats.md §7.5) into <paramref name="refs"/>.</summary>
    public bool TryReadPostings(long offset, string what, List<uint> refs)
    {
        refs.Clear();
        if (!TryReadTable(offset, what, null, out var body))
        {
            return false;
        }
        var d = new DecodingBuffer(body, offset + 4);
        var n = d.Be32();
        if ((long)body.Length != 4 + 4L * n)
        {
            _issues.Add(new BlockIssue(FileName, offset, null, $"{what} claims {n} series but holds {body.Length} bytes instead of {4 + 4L * n}"));
            return false;
        }
        for (var i = 0; i < n; i++)
        {
            refs.Add(d.Be32());
        }
        return true;
    }

    /// <summary>Reads the label index at <paramref name="offset"/> (formats.md §7.4): the value symbols of one name.</summary>
    public bool TryReadLabelIndex(long offset, string what, List<uint> valueSymbols)
    {
        valueSymbols.Clear();
        if (!TryReadTable(offset, what, null, out var body))
        {
            return false;
        }
        var d = new DecodingBuffer(body, offset + 4);
        var names = d.Be32();
        var n = d.Be32();
        if (d.Failed || names != 1 || (long)body.Length != 8 + 4L * n)
        {
            _issues.Add(new BlockIssue(FileName, offset, null, names != 1 && !d.Failed
                ? $"{what} has {names} names per entry; Prometheus writes 1"
                : $"{what} claims {n} values but holds {body.Length} bytes instead of {8 + 4L * n}"));
            return false;
        }
        for (var i = 0; i < n; i++)
        {
            valueSymbols.Add(d.Be32());
        }
        return true;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _file.Dispose();
}
