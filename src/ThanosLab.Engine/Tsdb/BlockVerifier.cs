using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Index;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Engine.Tsdb.Tombstones;

namespace ThanosLab.Engine.Tsdb;

/// <summary>
/// Deep verification of a block directory: every rule of formats.md §2–8 and the checklist of §16
/// that a reader can check, reported as a list of <see cref="BlockIssue"/>s. Corrupt input never
/// throws, and every read is bounded by the file it reads. Checked: meta.json, tombstones, segment
/// headers, index header/TOC/tables with every CRC, symbol, series and postings order, series entries,
/// label indices and postings against the series, every chunk record (CRC, encoding, decoded samples
/// against the chunk meta and the block range) and meta.json's stats against the content.
/// </summary>
public static class BlockVerifier
{
    /// <summary>Issues beyond this many are counted, not listed.</summary>
    public const int MaxIssues = 200;

    /// <summary>Verifies the block in <paramref name="path"/>; throws only when the directory does not exist.</summary>
    public static BlockVerification Verify(string path, CancellationToken cancellation = default)
    {
        if (!Directory.Exists(path))
        {
            var isFile = File.Exists(path);
            throw new ThanosLabException(isFile ? ErrorKind.InvalidArgument : ErrorKind.ObjectNotFound, isFile ? "BlockPathIsFile" : "BlockNotFound",
                isFile ? $"'{path}' is a file, not a block directory." : $"The block directory '{path}' does not exist.", path,
                "Give the path of a block directory (a ULID-named directory with meta.json, index and chunks/), or pipe Get-ThanosBlock into Test-ThanosBlock.");
        }
        var run = new Run(path, cancellation);
        try
        {
            run.VerifyBlock();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ThanosLabException)
        {
            // The block could not be read to the end (permissions, a file shrinking under us): that is
            // a finding about this block, not a reason to stop verifying others.
            run.Issues.Add(new BlockIssue(".", null, null, "reading the block failed: " + e.Message));
        }
        return new BlockVerification(path, run.Meta, run.Issues.ToArray(), run.Series, run.Chunks, run.Samples);
    }

    /// <summary>Keeps the first <see cref="MaxIssues"/> issues and a count of the rest.</summary>
    private sealed class IssueList : Collection<BlockIssue>
    {
        private int _dropped;

        protected override void InsertItem(int index, BlockIssue item)
        {
            if (Count < MaxIssues)
            {
                base.InsertItem(index, item);
            }
            else
            {
                _dropped++;
            }
        }

        public BlockIssue[] ToArray()
        {
            var all = this.ToList();
            if (_dropped > 0)
            {
                all.Add(new BlockIssue(".", null, null, $"{_dropped} more issues were found and not listed"));
            }
            return all.ToArray();
        }
    }

    private sealed class Run
    {
        private readonly string _path;
        private readonly CancellationToken _cancellation;
        private readonly SortedDictionary<(int Name, int Value), List<uint>> _expectedPostings = new();
        private readonly List<uint> _seriesRefs = new();
        private ChunkSegmentReader? _chunks;
        private bool _chunksComplete = true;

        public Run(string path, CancellationToken cancellation)
        {
            _path = path;
            _cancellation = cancellation;
        }

        public IssueList Issues { get; } = new();

        public BlockMeta? Meta { get; private set; }

        public long Series { get; private set; }

        public long Chunks { get; private set; }

        public long Samples { get; private set; }

        public void VerifyBlock()
        {
            VerifyMeta();
            var tombstones = TombstonesReader.Read(System.IO.Path.Combine(_path, TombstonesFile.FileName), Issues);
            if (Meta is not null && Meta.Stats.NumTombstones != (ulong)tombstones.Count)
            {
                Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, $"stats.numTombstones is {Meta.Stats.NumTombstones} but the tombstones file holds {tombstones.Count}"));
            }
            var chunksDirectory = System.IO.Path.Combine(_path, BlockReader.ChunksDirectory);
            if (Directory.Exists(chunksDirectory))
            {
                _chunks = ChunkSegmentReader.Open(chunksDirectory, Issues);
            }
            else
            {
                _chunksComplete = false;
                Issues.Add(new BlockIssue(BlockReader.ChunksDirectory, null, null, "the chunks directory is missing (Prometheus reports such a block as corrupted)"));
            }
            try
            {
                var indexPath = System.IO.Path.Combine(_path, IndexReader.FileName);
                if (!File.Exists(indexPath))
                {
                    Issues.Add(new BlockIssue(IndexReader.FileName, null, null, "the index file is missing"));
                    return;
                }
                using var index = IndexReader.Open(indexPath, Issues);
                if (index is null)
                {
                    return;
                }
                var symbols = SymbolOrdinals(index);
                var seriesEnd = VerifySeries(index);
                if (seriesEnd >= 0 && seriesEnd != index.Toc.LabelIndices)
                {
                    Issues.Add(new BlockIssue(IndexReader.FileName, seriesEnd, null,
                        $"the last series entry ends at {seriesEnd} but the TOC puts the label indices at {index.Toc.LabelIndices}"));
                }
                VerifyLayout(index);
                VerifyLabelIndices(index, symbols);
                VerifyPostings(index, symbols);
                if (seriesEnd >= 0)
                {
                    VerifyStats();
                }
            }
            finally
            {
                _chunks?.Dispose();
            }
        }

        private void VerifyMeta()
        {
            var file = System.IO.Path.Combine(_path, BlockMetaJson.FileName);
            if (!File.Exists(file))
            {
                Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, "meta.json is missing (Prometheus and Thanos skip such a directory)"));
                return;
            }
            try
            {
                Meta = BlockMetaJson.ReadFile(file);
            }
            catch (ThanosLabException e)
            {
                Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, e.Message));
                return;
            }
            var name = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(_path));
            if (!string.Equals(name, Meta.Id, StringComparison.OrdinalIgnoreCase))
            {
                Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, $"ulid {Meta.Id} differs from the directory name '{name}'"));
            }
            if (Meta.MinTime >= Meta.MaxTime)
            {
                Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, $"minTime {Meta.MinTime} is not before maxTime {Meta.MaxTime} (maxTime is exclusive)"));
            }
            if (Meta.Compaction.Level < 1)
            {
                Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, $"compaction.level {Meta.Compaction.Level} is below 1, the level of every block Prometheus cuts or a generator writes"));
            }
            if (Meta.Compaction.Sources.Count == 0)
            {
                // Thanos' compactor and the shipper's overlap check read the sources.
                Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, "compaction.sources is empty; every block lists the blocks it was made from (a level-1 block its own ULID)"));
            }
            if (Meta.Thanos?.DownsampleResolution is { } resolution && resolution is not (0 or 300_000 or 3_600_000))
            {
                Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null,
                    $"thanos.downsample.resolution {resolution} is not 0 (raw), 300000 (5m) or 3600000 (1h), the resolutions Thanos writes ('thanos tools bucket inspect' fails on others)"));
            }
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
        private long VerifySeries(IndexReader index)
        {
            var entry = new SeriesEntry();
            var previous = new List<int>();
            var position = index.Toc.Series;
            var end = index.Toc.LabelIndices;
            var lastEnd = position;
            var decoder = new ChunkChecker(this);
            while (true)
            {
                _cancellation.ThrowIfCancellationRequested();
                position = IndexReader.AlignSeries(position);
                if (position >= end)
                {
                    return lastEnd;
                }
                if (!index.IsZeroPadding(lastEnd, position))
                {
                    Issues.Add(new BlockIssue(IndexReader.FileName, lastEnd, null, $"the padding before the series entry at {position} is not all zero bytes"));
                }
                var ok = index.TryReadSeries(position, entry, out var next);
                if (next < 0 || next > end)
                {
                    if (next > end)
                    {
                        Issues.Add(new BlockIssue(IndexReader.FileName, position, null, $"the series entry ends at {next}, inside the label indices that start at {end}"));
                    }
                    _chunksComplete = false;
                    return -1;
                }
                lastEnd = position = next;
                if (!ok)
                {
                    _chunksComplete = false;
                    continue;
                }
                Series++;
                _seriesRefs.Add(entry.Ref);
                string Describe() => entry.Labels(index.Symbols).ToString();
                CheckLabels(entry, previous, Describe);
                previous.Clear();
                previous.AddRange(entry.LabelSymbols);
                for (var i = 0; i + 1 < entry.LabelSymbols.Count; i += 2)
                {
                    var key = (entry.LabelSymbols[i], entry.LabelSymbols[i + 1]);
                    if (!_expectedPostings.TryGetValue(key, out var list))
                    {
                        _expectedPostings[key] = list = new List<uint>();
                    }
                    list.Add(entry.Ref);
                }
                decoder.CheckSeries(entry, Describe);
            }
        }

        private void CheckLabels(SeriesEntry entry, List<int> previous, Func<string> describe)
        {
            var labels = entry.LabelSymbols;
            if (labels.Count == 0)
            {
                Issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, "{}", "the series has an empty label set"));
                return;
            }
            for (var i = 2; i < labels.Count; i += 2)
            {
                if (labels[i] <= labels[i - 2])
                {
                    Issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, describe(), "the series' labels are not sorted by name, or a name repeats"));
                    break;
                }
            }
            if (previous.Count > 0 && CompareSymbols(previous, labels) >= 0)
            {
                Issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, describe(), "the series is not after the previous series in label-set order"));
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

        /// <summary>Checks chunk metas and chunk records of series entries.</summary>
        private sealed class ChunkChecker
        {
            private readonly Run _run;

            public ChunkChecker(Run run) => _run = run;

            public void CheckSeries(SeriesEntry entry, Func<string> describe)
            {
                var issues = _run.Issues;
                var meta = _run.Meta;
                if (entry.Chunks.Count == 0)
                {
                    issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, describe(), "the series has no chunks"));
                    return;
                }
                for (var i = 0; i < entry.Chunks.Count; i++)
                {
                    if ((i & 1023) == 1023)
                    {
                        _run._cancellation.ThrowIfCancellationRequested();
                    }
                    var c = entry.Chunks[i];
                    _run.Chunks++;
                    if (c.MinTime > c.MaxTime)
                    {
                        issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, describe(), $"chunk {i} ends ({c.MaxTime}) before it starts ({c.MinTime})"));
                    }
                    if (i > 0 && c.MinTime <= entry.Chunks[i - 1].MaxTime)
                    {
                        issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, describe(),
                            $"chunk {i} starts at {c.MinTime}, not after chunk {i - 1} ends at {entry.Chunks[i - 1].MaxTime} (chunks overlap or are out of order)"));
                    }
                    if (meta is not null && (c.MinTime < meta.MinTime || c.MaxTime >= meta.MaxTime))
                    {
                        issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, describe(),
                            $"chunk {i} [{c.MinTime}, {c.MaxTime}] is not inside the block range [{meta.MinTime}, {meta.MaxTime}) of meta.json"));
                    }
                    CheckRecord(c, i, describe);
                }
            }

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            private void CheckRecord(SeriesChunk c, int index, Func<string> describe)
            {
                if (_run._chunks is null)
                {
                    return;
                }
                var issues = _run.Issues;
                if (!_run._chunks.TryRead(c.Ref, out var record, out var issue))
                {
                    issues.Add(issue! with { Series = describe() });
                    _run._chunksComplete = false;
                    return;
                }
                if (record.Encoding == AggregateChunkEncoder.Encoding)
                {
                    var resolution = _run.Meta?.Thanos?.DownsampleResolution ?? 0;
                    _run.Samples += AggregateChunkChecks.Check(record, c, index, resolution, describe, issues, ref _run._chunksComplete);
                    return;
                }
                if (record.Encoding != XorChunkEncoder.Encoding)
                {
                    // Native histograms (2, 3) are valid encodings whose samples are not decoded
                    // here; anything else is corruption.
                    if (record.Encoding is not (2 or 3))
                    {
                        issues.Add(new BlockIssue(record.Segment, record.Offset, describe(),
                            $"chunk {index} has encoding {record.Encoding}, which is none of XOR (1), histogram (2), float histogram (3) or Thanos aggregate (255)"));
                    }
                    _run._chunksComplete = false;
                    return;
                }
                var decoder = new XorChunkDecoder(record.Data);
                long first = 0, last = 0;
                var increasing = true;
                while (decoder.Next())
                {
                    if (decoder.Read == 1)
                    {
                        first = decoder.Timestamp;
                    }
                    else if (decoder.Timestamp <= last)
                    {
                        increasing = false;
                    }
                    last = decoder.Timestamp;
                }
                _run.Samples += decoder.Read;
                if (decoder.Error is not null)
                {
                    issues.Add(new BlockIssue(record.Segment, record.Offset, describe(), $"chunk {index}: {decoder.Error}"));
                    _run._chunksComplete = false;
                    return;
                }
                if (decoder.Count == 0)
                {
                    issues.Add(new BlockIssue(record.Segment, record.Offset, describe(), $"chunk {index} holds no samples"));
                    return;
                }
                if (!increasing)
                {
                    issues.Add(new BlockIssue(record.Segment, record.Offset, describe(), $"chunk {index} has sample timestamps that do not increase"));
                }
                if (first != c.MinTime || last != c.MaxTime)
                {
                    issues.Add(new BlockIssue(record.Segment, record.Offset, describe(),
                        $"chunk {index} holds samples from {first} to {last}, but the index says [{c.MinTime}, {c.MaxTime}]"));
                }
                if (!decoder.HasExactLength)
                {
                    issues.Add(new BlockIssue(record.Segment, record.Offset, describe(),
                        $"chunk {index} is {record.Data.Length} bytes, but its {decoder.Count} samples end after {decoder.UsedBytes} bytes"));
                }
            }
        }

        /// <summary>
        /// The sections and tables must tile the index: only zero padding (shorter than the 16-byte
        /// series alignment) between them, nothing unexplained, nothing overlapping.
        /// </summary>
        private void VerifyLayout(IndexReader index)
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
                    Issues.Add(new BlockIssue(IndexReader.FileName, start, null, $"{what} starts at {start}, inside the data before it, which ends at {position}"));
                }
                else if (!index.IsZeroPadding(position, start))
                {
                    Issues.Add(new BlockIssue(IndexReader.FileName, position, null, $"{start - position} bytes before {what} are neither a table nor zero padding"));
                }
                position = Math.Max(position, end);
            }
            var tocStart = index.Length - IndexToc.Size;
            if (position != tocStart)
            {
                Issues.Add(new BlockIssue(IndexReader.FileName, position, null, $"the tables end at {position}, but the TOC starts at {tocStart}"));
            }
        }

        private void VerifyLabelIndices(IndexReader index, Dictionary<string, int> symbols)
        {
            var expected = _expectedPostings.Keys.Where(k => index.Symbols[k.Name].Length > 0)
                .GroupBy(k => k.Name).ToDictionary(g => g.Key, g => g.Select(k => (uint)k.Value).ToList());
            var values = new List<uint>();
            string? previous = null;
            var seen = new HashSet<int>();
            foreach (var entry in index.LabelIndexOffsets)
            {
                if (previous is not null && Utf8ByteOrder.Compare(previous, entry.Name) >= 0)
                {
                    Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.LabelOffsetTable, null, $"the label offset table lists '{entry.Name}' after '{previous}'; names must be sorted and unique"));
                }
                previous = entry.Name;
                var what = $"the label index of '{entry.Name}'";
                if (entry.Offset < index.Toc.LabelIndices || entry.Offset >= index.Toc.Postings)
                {
                    Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.LabelOffsetTable, null,
                        $"the label offset table puts {what} at {entry.Offset}, outside the label indices section [{index.Toc.LabelIndices}, {index.Toc.Postings})"));
                    continue;
                }
                if (!index.TryReadLabelIndex(entry.Offset, what, values))
                {
                    continue;
                }
                if (values.Any(v => v >= index.Symbols.Count) || values.Zip(values.Skip(1)).Any(p => p.First >= p.Second))
                {
                    Issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, null, $"{what} has values that are not sorted symbols of the symbol table"));
                    continue;
                }
                if (!symbols.TryGetValue(entry.Name, out var nameSymbol) || !expected.TryGetValue(nameSymbol, out var want))
                {
                    Issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, null, $"{what} names a label that no series has"));
                    continue;
                }
                seen.Add(nameSymbol);
                if (!want.SequenceEqual(values))
                {
                    Issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, null, $"{what} lists {values.Count} values, but the series have {want.Count} different values"));
                }
            }
            foreach (var name in expected.Keys.Where(n => !seen.Contains(n)))
            {
                Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.LabelOffsetTable, null, $"the label offset table has no entry for '{index.Symbols[name]}', a label name of the series"));
            }
        }

        private void VerifyPostings(IndexReader index, Dictionary<string, int> symbols)
        {
            var entries = index.PostingsOffsets;
            if (entries.Count == 0 || entries[0].Name.Length != 0 || entries[0].Value.Length != 0)
            {
                Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.PostingsOffsetTable, null, "the postings offset table does not start with the all-postings entry (\"\", \"\")"));
            }
            var refs = new List<uint>();
            var seen = new HashSet<(int, int)>();
            PostingsOffset? previous = null;
            foreach (var entry in entries)
            {
                _cancellation.ThrowIfCancellationRequested();
                var all = entry.Name.Length == 0 && entry.Value.Length == 0;
                var what = all ? "the all-postings list" : $"the postings list of {entry.Name}=\"{entry.Value}\"";
                if (previous is { } p && (Utf8ByteOrder.Compare(p.Name, entry.Name) is var c && (c > 0 || c == 0 && Utf8ByteOrder.Compare(p.Value, entry.Value) >= 0)))
                {
                    Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.PostingsOffsetTable, null,
                        $"the postings offset table lists {entry.Name}=\"{entry.Value}\" after {p.Name}=\"{p.Value}\"; entries must be sorted and unique (lookups fail silently otherwise)"));
                }
                previous = entry;
                var known = symbols.TryGetValue(entry.Name, out var nameSymbol) & symbols.TryGetValue(entry.Value, out var valueSymbol);
                if (!known)
                {
                    Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.PostingsOffsetTable, null, $"{what} names a label that is not in the symbol table"));
                }
                if (entry.Offset < index.Toc.Postings || entry.Offset >= index.Toc.LabelOffsetTable)
                {
                    Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.PostingsOffsetTable, null,
                        $"the postings offset table puts {what} at {entry.Offset}, outside the postings section [{index.Toc.Postings}, {index.Toc.LabelOffsetTable})"));
                    continue;
                }
                if (!index.TryReadPostings(entry.Offset, what, refs))
                {
                    continue;
                }
                CheckPostings(entry.Offset, what, refs, all ? _seriesRefs : known && _expectedPostings.TryGetValue((nameSymbol, valueSymbol), out var want) ? want : null);
                if (known && !all)
                {
                    seen.Add((nameSymbol, valueSymbol));
                }
            }
            foreach (var key in _expectedPostings.Keys.Where(k => !seen.Contains(k) && index.Symbols[k.Name].Length > 0))
            {
                Issues.Add(new BlockIssue(IndexReader.FileName, index.Toc.PostingsOffsetTable, null,
                    $"the postings offset table has no list for {index.Symbols[key.Name]}=\"{index.Symbols[key.Value]}\", which {_expectedPostings[key].Count} series have"));
            }
        }

        private void CheckPostings(long offset, string what, List<uint> refs, List<uint>? expected)
        {
            for (var i = 1; i < refs.Count; i++)
            {
                if (refs[i] <= refs[i - 1])
                {
                    Issues.Add(new BlockIssue(IndexReader.FileName, offset, null, $"{what} is not in ascending order at position {i} ({refs[i]} after {refs[i - 1]})"));
                    return;
                }
            }
            foreach (var r in refs)
            {
                if (_seriesRefs.BinarySearch(r) < 0)
                {
                    Issues.Add(new BlockIssue(IndexReader.FileName, offset, null, $"{what} references series {r} (offset {16L * r}), which is not a series entry"));
                    return;
                }
            }
            if (expected is null)
            {
                Issues.Add(new BlockIssue(IndexReader.FileName, offset, null, $"{what} exists, but no series has that label"));
            }
            else if (!expected.SequenceEqual(refs))
            {
                Issues.Add(new BlockIssue(IndexReader.FileName, offset, null, $"{what} holds {refs.Count} series, but {expected.Count} series entries have that label"));
            }
        }

        private void VerifyStats()
        {
            if (Meta is null)
            {
                return;
            }
            var s = Meta.Stats;
            if (s.NumSeries != (ulong)Series)
            {
                Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, $"stats.numSeries is {s.NumSeries} but the index holds {Series} series"));
            }
            if (s.NumChunks != (ulong)Chunks)
            {
                Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, $"stats.numChunks is {s.NumChunks} but the series reference {Chunks} chunks"));
            }
            if (_chunksComplete && s.NumSamples != (ulong)Samples)
            {
                Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, $"stats.numSamples is {s.NumSamples} but the chunks hold {Samples} samples"));
            }
        }
    }
}
