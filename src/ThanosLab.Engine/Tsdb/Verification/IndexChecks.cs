using System.Runtime.InteropServices;
using ThanosLab.Engine.Tsdb.Index;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Tsdb.Verification;

/// <summary>
/// The index file's checks: series entries (label order, series order, padding) with each series'
/// chunks handed to <see cref="ChunkChecks"/>, the layout of sections and tables, and label indices
/// and postings lists against what the series entries say.
/// </summary>
internal static class IndexChecks
{
    /// <summary>Checks <paramref name="index"/>; returns where the series section's last entry ends, or -1 when the scan broke off.</summary>
    public static long Verify(VerificationRun run, IndexReader index)
    {
        var symbols = SymbolOrdinals(index);
        var seriesEnd = VerifySeries(run, index);
        if (seriesEnd >= 0 && seriesEnd != index.Toc.LabelIndices)
        {
            run.Issues.Add(new BlockIssue(IndexReader.FileName, seriesEnd, null,
                $"the last series entry ends at {seriesEnd} but the TOC puts the label indices at {index.Toc.LabelIndices}"));
        }
        VerifyLayout(run, index);
        VerifyLabelIndices(run, index, symbols);
        VerifyPostings(run, index, symbols);
        return seriesEnd;
    }

    private static Dictionary<string, int> SymbolOrdinals(IndexReader index)
    {
        var map = new Dictionary<string, int>(index.Symbols.Count, StringComparer.Ordinal);
        for (var i = 0; i < index.Symbols.Count; i++)
        {
            map.TryAdd(index.Symbols[i], i);
        }
        return map;
    }

    /// <summary>Scans the series section; returns where the last entry ends, or -1 when the scan broke off.</summary>
    private static long VerifySeries(VerificationRun run, IndexReader index)
    {
        var entry = new SeriesEntry();
        var previous = new List<int>();
        var position = index.Toc.Series;
        var end = index.Toc.LabelIndices;
        var lastEnd = position;
        // One delegate for every series: it reads the entry being checked, and is only called to name a series in an issue.
        Func<string> describe = () => entry.Labels(index.Symbols).ToString();
        while (true)
        {
            run.Cancellation.ThrowIfCancellationRequested();
            position = IndexReader.AlignSeries(position);
            if (position >= end)
            {
                return lastEnd;
            }
            if (!index.IsZeroPadding(lastEnd, position))
            {
                run.Issues.Add(new BlockIssue(IndexReader.FileName, lastEnd, null, $"the padding before the series entry at {position} is not all zero bytes"));
            }
            var ok = index.TryReadSeries(position, entry, out var next);
            if (next < 0 || next > end)
            {
                if (next > end)
                {
                    run.Issues.Add(new BlockIssue(IndexReader.FileName, position, null, $"the series entry ends at {next}, inside the label indices that start at {end}"));
                }
                run.ChunksComplete = false;
                return -1;
            }
            lastEnd = position = next;
            if (!ok)
            {
                run.ChunksComplete = false;
                continue;
            }
            run.Series++;
            run.SeriesRefs.Add(entry.Ref);
            CheckLabels(run, entry, previous, describe);
            previous.Clear();
            previous.AddRange(entry.LabelSymbols);
            for (var i = 0; i + 1 < entry.LabelSymbols.Count; i += 2)
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(run.ExpectedPostings, (entry.LabelSymbols[i], entry.LabelSymbols[i + 1]), out _);
                (list ??= new List<uint>()).Add(entry.Ref);
            }
            ChunkChecks.CheckSeries(run, entry, describe);
        }
    }

    private static void CheckLabels(VerificationRun run, SeriesEntry entry, List<int> previous, Func<string> describe)
    {
        var labels = entry.LabelSymbols;
        if (labels.Count == 0)
        {
            run.Issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, "{}", "the series has an empty label set"));
            return;
        }
        for (var i = 2; i < labels.Count; i += 2)
        {
            if (labels[i] <= labels[i - 2])
            {
                run.Issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, describe(), "the series' labels are not sorted by name, or a name repeats"));
                break;
            }
        }
        if (previous.Count > 0 && CompareSymbols(previous, labels) >= 0)
        {
            run.Issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, describe(), "the series is not after the previous series in label-set order"));
        }
    }

    // Symbol ordinals sort like the strings once the symbol table is sorted (checked on open).
    private static int CompareSymbols(List<int> a, List<int> b)
    {
        var n = Math.Min(a.Count, b.Count);
        for (var i = 0; i < n; i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }
        return a.Count.CompareTo(b.Count);
    }

    /// <summary>
    /// The sections and tables must tile the index: only zero padding (shorter than the 16-byte
    /// series alignment) between them, nothing unexplained, nothing overlapping.
    /// </summary>
    private static void VerifyLayout(VerificationRun run, IndexReader index)
    {
        var regions = new List<(long Start, long End, string What)>();
        void Table(long offset, string what)
        {
            if (index.TryTableEnd(offset, out var end))
            {
                regions.Add((offset, end, what));
            }
        }
        Table(index.Toc.Symbols, "the symbol table");
        regions.Add((index.Toc.Series, index.Toc.LabelIndices, "the series section"));
        foreach (var l in index.LabelIndexOffsets) Table(l.Offset, $"the label index of '{l.Name}'");
        foreach (var p in index.PostingsOffsets) Table(p.Offset, $"the postings list of {p.Name}=\"{p.Value}\"");
        Table(index.Toc.LabelOffsetTable, "the label offset table");
        Table(index.Toc.PostingsOffsetTable, "the postings offset table");
        regions.Sort((a, b) => a.Start.CompareTo(b.Start));
        long position = 5;
        foreach (var (start, end, what) in regions)
        {
            if (start < position)
            {
                run.Issues.Add(new BlockIssue(IndexReader.FileName, start, null, $"{what} starts at {start}, inside the data before it, which ends at {position}"));
            }
            else if (!index.IsZeroPadding(position, start))
            {
                run.Issues.Add(new BlockIssue(IndexReader.FileName, position, null, $"{start - position} bytes before {what} are neither a table nor zero padding"));
            }
            position = Math.Max(position, end);
        }
        var tocStart = index.Length - IndexToc.Size;
        if (position != tocStart)
        {
            run.Issues.Add(new BlockIssue(IndexReader.FileName, position, null, $"the tables end at {position}, but the TOC starts at {tocStart}"));
        }
    }

    private static void VerifyLabelIndices(VerificationRun run, IndexReader index, Dictionary<string, int> symbols)
    {
        var expected = run.ExpectedPostings.Keys.Where(k => index.Symbols[k.Name].Length > 0).Order()
            .GroupBy(k => k.Name).ToDictionary(g => g.Key, g => g.Select(k => (uint)k.Value).ToList());
        var values = new List<uint>();
        string? previous = null;
        var seen = new HashSet<int>();
        foreach (var entry in index.LabelIndexOffsets)
        {
            if (previous is not null && Utf8ByteOrder.Compare(previous, entry.Name) >= 0)
            {
                run.Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.LabelOffsetTable, null, $"the label offset table lists '{entry.Name}' after '{previous}'; names must be sorted and unique"));
            }
            previous = entry.Name;
            var what = $"the label index of '{entry.Name}'";
            if (entry.Offset < index.Toc.LabelIndices || entry.Offset >= index.Toc.Postings)
            {
                run.Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.LabelOffsetTable, null,
                    $"the label offset table puts {what} at {entry.Offset}, outside the label indices section [{index.Toc.LabelIndices}, {index.Toc.Postings})"));
                continue;
            }
            if (!index.TryReadLabelIndex(entry.Offset, what, values))
            {
                continue;
            }
            if (values.Any(v => v >= index.Symbols.Count) || values.Zip(values.Skip(1)).Any(p => p.First >= p.Second))
            {
                run.Issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, null, $"{what} has values that are not sorted symbols of the symbol table"));
                continue;
            }
            if (!symbols.TryGetValue(entry.Name, out var nameSymbol) || !expected.TryGetValue(nameSymbol, out var want))
            {
                run.Issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, null, $"{what} names a label that no series has"));
                continue;
            }
            seen.Add(nameSymbol);
            if (!want.SequenceEqual(values))
            {
                run.Issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, null, $"{what} lists {values.Count} values, but the series have {want.Count} different values"));
            }
        }
        foreach (var name in expected.Keys.Where(n => !seen.Contains(n)))
        {
            run.Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.LabelOffsetTable, null, $"the label offset table has no entry for '{index.Symbols[name]}', a label name of the series"));
        }
    }

    private static void VerifyPostings(VerificationRun run, IndexReader index, Dictionary<string, int> symbols)
    {
        var entries = index.PostingsOffsets;
        if (entries.Count == 0 || entries[0].Name.Length != 0 || entries[0].Value.Length != 0)
        {
            run.Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.PostingsOffsetTable, null, "the postings offset table does not start with the all-postings entry (\"\", \"\")"));
        }
        var refs = new List<uint>();
        var seen = new HashSet<(int, int)>();
        PostingsOffset? previous = null;
        foreach (var entry in entries)
        {
            run.Cancellation.ThrowIfCancellationRequested();
            var all = entry.Name.Length == 0 && entry.Value.Length == 0;
            var what = all ? "the all-postings list" : $"the postings list of {entry.Name}=\"{entry.Value}\"";
            if (previous is { } p && (Utf8ByteOrder.Compare(p.Name, entry.Name) is var c && (c > 0 || c == 0 && Utf8ByteOrder.Compare(p.Value, entry.Value) >= 0)))
            {
                run.Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.PostingsOffsetTable, null,
                    $"the postings offset table lists {entry.Name}=\"{entry.Value}\" after {p.Name}=\"{p.Value}\"; entries must be sorted and unique (lookups fail silently otherwise)"));
            }
            previous = entry;
            var known = symbols.TryGetValue(entry.Name, out var nameSymbol) & symbols.TryGetValue(entry.Value, out var valueSymbol);
            if (!known)
            {
                run.Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.PostingsOffsetTable, null, $"{what} names a label that is not in the symbol table"));
            }
            if (entry.Offset < index.Toc.Postings || entry.Offset >= index.Toc.LabelOffsetTable)
            {
                run.Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.PostingsOffsetTable, null,
                    $"the postings offset table puts {what} at {entry.Offset}, outside the postings section [{index.Toc.Postings}, {index.Toc.LabelOffsetTable})"));
                continue;
            }
            if (!index.TryReadPostings(entry.Offset, what, refs))
            {
                continue;
            }
            CheckPostings(run, entry.Offset, what, refs, all ? run.SeriesRefs : known && run.ExpectedPostings.TryGetValue((nameSymbol, valueSymbol), out var want) ? want : null);
            if (known && !all)
            {
                seen.Add((nameSymbol, valueSymbol));
            }
        }
        foreach (var key in run.ExpectedPostings.Keys.Where(k => !seen.Contains(k) && index.Symbols[k.Name].Length > 0).Order())
        {
            run.Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.PostingsOffsetTable, null,
                $"the postings offset table has no list for {index.Symbols[key.Name]}=\"{index.Symbols[key.Value]}\", which {run.ExpectedPostings[key].Count} series have"));
        }
    }

    private static void CheckPostings(VerificationRun run, long offset, string what, List<uint> refs, List<uint>? expected)
    {
        for (var i = 1; i < refs.Count; i++)
        {
            if (refs[i] <= refs[i - 1])
            {
                run.Issues.Add(new BlockIssue(IndexReader.FileName, offset, null, $"{what} is not in ascending order at position {i} ({refs[i]} after {refs[i - 1]})"));
                return;
            }
        }
        // A list equal to what the series entries say references only series entries, so only a list that
        // differs is searched for the reference that is not one (a search per reference is most of the cost).
        if (expected is not null && CollectionsMarshal.AsSpan(expected).SequenceEqual(CollectionsMarshal.AsSpan(refs)))
        {
            return;
        }
        foreach (var r in refs)
        {
            if (run.SeriesRefs.BinarySearch(r) < 0)
            {
                run.Issues.Add(new BlockIssue(IndexReader.FileName, offset, null, $"{what} references series {r} (offset {16L * r}), which is not a series entry"));
                return;
            }
        }
        if (expected is null)
        {
            run.Issues.Add(new BlockIssue(IndexReader.FileName, offset, null, $"{what} exists, but no series has that label"));
        }
        else
        {
            run.Issues.Add(new BlockIssue(IndexReader.FileName, offset, null, $"{what} holds {refs.Count} series, but {expected.Count} series entries have that label"));
        }
    }
}
