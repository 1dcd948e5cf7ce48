using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Histograms;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// Thanos' <c>Downsample</c> for one local block: every series is read, downsampled and written
/// series by series (memory holds one series, not the block), through <see cref="BlockWriter"/>'s
/// temporary directory and rename. The new block keeps the source's range, labels and compaction,
/// gets a new ULID, the target resolution, source <c>compactor</c>, stats counted as Thanos counts
/// them (samples = windows), its segment files and its files list.
/// </summary>
public sealed class BlockDownsampler
{
    /// <summary>The source Thanos records in downsampled blocks.</summary>
    public const string CompactorSource = "compactor";

    private readonly long[] _timestamps = new long[XorChunkEncoder.MaxSamples];
    private readonly double[] _values = new double[XorChunkEncoder.MaxSamples];
    private readonly SampleBuffer _samples = new(1 << 12);
    private readonly SampleBuffer _fixed = new();
    private readonly DownsampledChunks _output = new();
    private readonly DownsampledChunks _converted = new();
    private readonly List<AggregateChunkSamples> _pool = new();
    private readonly List<AggregateChunkSamples> _chunks = new();
    private readonly List<long> _histogramTimes = new();
    private readonly List<NativeHistogram> _histograms = new();
    private readonly RawDownsampler _raw = new();
    private readonly AggregateDownsampler _aggregate = new();
    private readonly HistogramDownsampler _histogram = new();
    private readonly List<ulong> _refs = new();

    /// <summary>
    /// Downsamples the block in <paramref name="sourcePath"/> to <paramref name="resolution"/> into a
    /// new block in <paramref name="outputDirectory"/>. Any source resolution below the target is
    /// accepted, as by Thanos' function; the compactor's eligibility rules are <see cref="DownsampleResolution.WhyNotEligible"/>.
    /// </summary>
    public DownsampledBlock Downsample(string sourcePath, long resolution, string outputDirectory, CancellationToken cancellation = default)
    {
        using var reader = BlockReader.Open(sourcePath);
        var source = reader.Meta;
        var sourceResolution = DownsampleResolution.Of(source);
        if (sourceResolution >= resolution)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "ResolutionNotLower",
                $"The block '{sourcePath}' has resolution {DownsampleResolution.Name(sourceResolution)}, not lower than the target {DownsampleResolution.Name(resolution)}.",
                sourcePath, "Downsample raw blocks to 5m and 5m blocks to 1h.");
        }
        RefuseExistingResult(source, resolution, outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        try
        {
            return Write(reader, resolution, outputDirectory, cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.WriteError, "BlockWriteFailed",
                $"Writing the downsampled block of '{sourcePath}' into '{outputDirectory}' failed: {e.Message}", outputDirectory,
                "Check free space and permissions of the output directory; nothing half-written was left behind.", e);
        }
    }

    private DownsampledBlock Write(BlockReader reader, long resolution, string outputDirectory, CancellationToken cancellation)
    {
        var source = reader.Meta;
        var warnings = new List<string>();
        using var writer = BlockWriter.Create(outputDirectory, Ulid.NewUlid(DateTimeOffset.UtcNow));
        // Thanos keeps the source's whole symbol table.
        writer.Index.AddSymbols(reader.Index.Symbols);
        ulong series = 0, chunks = 0, samples = 0;
        foreach (var s in reader.Series())
        {
            cancellation.ThrowIfCancellationRequested();
            DownsampleSeries(reader, s, resolution, _output, warnings);
            if (_output.Count == 0)
            {
                warnings.Add($"series {s.Labels} has no samples to downsample and was left out");
                continue;
            }
            _refs.Clear();
            _refs.AddRange(new ulong[_output.Count]);
            var refs = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_refs);
            writer.Chunks.WriteSeries(_output.Payloads, _output.Lengths, refs, AggregateChunkEncoder.Encoding);
            var metas = _output.Metas;
            for (var i = 0; i < metas.Length; i++)
            {
                metas[i] = metas[i] with { Ref = refs[i] };
            }
            writer.Index.AddSeries(s.Labels, metas);
            series++;
            chunks += (ulong)metas.Length;
            samples += (ulong)_output.Windows;
        }
        cancellation.ThrowIfCancellationRequested();
        BlockMeta meta = null!;
        var size = writer.Complete(temp =>
        {
            meta = MetaOf(source, writer.Id, resolution, new BlockStats(samples, series, chunks), writer.Chunks.SegmentFiles, temp);
            return meta;
        });
        return new DownsampledBlock(meta, writer.FinalPath, size, source, warnings);
    }

    /// <summary>
    /// Downsamples one series of <paramref name="reader"/>'s block to <paramref name="resolution"/>
    /// into <paramref name="output"/> (cleared first); what Thanos passes over goes to <paramref name="warnings"/>.
    /// </summary>
    public void DownsampleSeries(BlockReader reader, BlockSeries series, long resolution, DownsampledChunks output, List<string> warnings)
    {
        CheckOrder(series, reader.Path);
        output.Clear();
        var sourceResolution = DownsampleResolution.Of(reader.Meta);
        try
        {
            if (sourceResolution == DownsampleResolution.Raw)
            {
                DownsampleRaw(reader, series, resolution, output);
                return;
            }
            LoadAggregates(reader, series, warnings);
            DownsampleAggregates(sourceResolution, resolution, output);
        }
        catch (ArgumentException e)
        {
            // Only a histogram Prometheus' appender would start a new chunk for gets here.
            throw new ThanosLabException(ErrorKind.InvalidData, "HistogramNotAppendable",
                $"Series {series.Labels} of block '{reader.Path}' cannot be downsampled: {e.Message}. Thanos' compactor would start a new sub-chunk there and lose the windows before it.",
                reader.Path, "Native histograms of one series must keep their zero threshold, and counter histograms must only grow between resets.", e);
        }
    }

    // Thanos downsamples each run of float chunks and each run of histogram chunks of a series on its own.
    private void DownsampleRaw(BlockReader reader, BlockSeries s, long resolution, DownsampledChunks output)
    {
        _samples.Clear();
        ClearHistograms();
        foreach (var chunk in s.Chunks)
        {
            var record = reader.ReadRecord(chunk);
            var histogram = HistogramChunkEncoder.IsHistogramEncoding(record.Encoding);
            if (histogram ? _samples.Count > 0 : _histogramTimes.Count > 0)
            {
                FlushRaw(resolution, output);
            }
            if (histogram)
            {
                ExpandHistograms(reader, s, chunk, record);
                continue;
            }
            var n = reader.DecodeChunk(chunk, record, _timestamps, _values);
            _samples.AppendChunk(_timestamps.AsSpan(0, n), _values.AsSpan(0, n));
        }
        FlushRaw(resolution, output);
    }

    private void FlushRaw(long resolution, DownsampledChunks output)
    {
        _raw.Downsample(_samples, resolution, output);
        _histogram.DownsampleRaw(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_histogramTimes), _histograms, resolution, output);
        _samples.Clear();
        ClearHistograms();
    }

    private void ClearHistograms()
    {
        _histogramTimes.Clear();
        _histograms.Clear();
    }

    // As Thanos expands a histogram chunk: stale markers and samples older than the one kept before in the chunk are left out.
    private void ExpandHistograms(BlockReader reader, BlockSeries s, SeriesChunk chunk, ChunkRecord record)
    {
        var decoder = new HistogramChunkDecoder(record.Data, record.Encoding);
        long last = 0;
        while (decoder.Next())
        {
            if (!decoder.IsStale && decoder.Timestamp >= last)
            {
                _histogramTimes.Add(decoder.Timestamp);
                _histograms.Add(decoder.Current());
                last = decoder.Timestamp;
            }
        }
        if (decoder.Error is not null)
        {
            throw new BlockIssue(record.Segment, record.Offset, s.Labels.ToString(), $"histogram chunk {chunk.Ref}: {decoder.Error}").ToException(reader.Path);
        }
    }

    // Thanos downsamples each run of float aggregate chunks and each run of histogram aggregate chunks on its own.
    private void DownsampleAggregates(long sourceResolution, long resolution, DownsampledChunks output)
    {
        var start = 0;
        for (var i = 1; i <= _chunks.Count; i++)
        {
            if (i < _chunks.Count && _chunks[i].IsHistogram == _chunks[start].IsHistogram)
            {
                continue;
            }
            var run = start == 0 && i == _chunks.Count ? _chunks : _chunks.GetRange(start, i - start);
            if (run[0].IsHistogram)
            {
                _histogram.DownsampleAggregates(run, run[0].MinTime, run[^1].MaxTime, sourceResolution, resolution, output);
            }
            else
            {
                _aggregate.Downsample(run, run[0].MinTime, run[^1].MaxTime, sourceResolution, resolution, output);
            }
            start = i;
        }
    }

    private static BlockMeta MetaOf(BlockMeta source, Ulid id, long resolution, BlockStats stats, IReadOnlyList<string> segments, string blockPath)
    {
        var files = BlockFile.List(blockPath).Select(f => new ThanosFile(f.RelPath, f.SizeBytes))
            .Append(new ThanosFile(BlockMetaJson.FileName, null))
            .OrderBy(f => f.RelPath, StringComparer.Ordinal)
            .ToArray();
        var thanos = source.Thanos ?? new ThanosMeta(Tsdb.Labels.LabelSet.Empty, 0, CompactorSource);
        return source with
        {
            Ulid = id,
            Stats = stats,
            Version = BlockMeta.SupportedVersion,
            Thanos = thanos with
            {
                DownsampleResolution = resolution,
                Source = CompactorSource,
                SegmentFiles = segments.ToArray(),
                Files = files,
                // Both describe the source's upload and index, not this block's.
                IndexStats = null,
                UploadTime = null,
            },
        };
    }

    // The compactor's rule: a block is done when a block of the target resolution covers all its sources.
    private static void RefuseExistingResult(BlockMeta source, long resolution, string outputDirectory)
    {
        if (!Directory.Exists(outputDirectory))
        {
            return;
        }
        foreach (var entry in LocalBlockDirectory.List(outputDirectory))
        {
            if (entry.Meta is { } m && DownsampleResolution.Of(m) == resolution && source.Compaction.Sources.All(m.Compaction.Sources.Contains))
            {
                throw new ThanosLabException(ErrorKind.ResourceExists, "DownsampledBlockExists",
                    $"The output directory '{outputDirectory}' already holds block {m.Id}, the {DownsampleResolution.Name(resolution)} downsampling of block {source.Id}'s sources; it is not written twice.",
                    entry.Path, "Use that block, or remove it (or choose another -OutputDirectory) to downsample again.");
            }
        }
    }

    // Thanos refuses chunks that overlap or are out of order within a series.
    private static void CheckOrder(BlockSeries s, string path)
    {
        for (var i = 1; i < s.Chunks.Count; i++)
        {
            if (s.Chunks[i - 1].MaxTime >= s.Chunks[i].MinTime)
            {
                throw new ThanosLabException(ErrorKind.InvalidData, "OverlappingChunks",
                    $"Series {s.Labels} of block '{path}' has overlapping chunks: chunk {i - 1} ends at {s.Chunks[i - 1].MaxTime}, chunk {i} starts at {s.Chunks[i].MinTime}. Chunks must be ordered by time and not overlap.",
                    path, "Compact the block first (vertical compaction merges overlapping chunks), then downsample it.");
            }
        }
    }

    private void LoadAggregates(BlockReader reader, BlockSeries s, List<string> warnings)
    {
        _chunks.Clear();
        foreach (var chunk in s.Chunks)
        {
            var record = reader.ReadRecord(chunk);
            if (record.Encoding == AggregateChunkEncoder.Encoding)
            {
                var problem = Next().Load(record.Data, chunk.MinTime, chunk.MaxTime);
                if (problem is not null)
                {
                    throw new BlockIssue(record.Segment, record.Offset, s.Labels.ToString(), $"aggregate chunk {chunk.Ref}: {problem}").ToException(reader.Path);
                }
                continue;
            }
            // Thanos turns raw chunks found in a downsampled block into 5m aggregates, and skips empty ones.
            var histogram = HistogramChunkEncoder.IsHistogramEncoding(record.Encoding);
            if ((histogram ? new HistogramChunkDecoder(record.Data, record.Encoding).Count : record.Encoding == XorChunkEncoder.Encoding ? XorChunkDecoder.SampleCount(record.Data) : -1) == 0)
            {
                warnings.Add($"series {s.Labels}: an empty {(histogram ? "histogram" : "XOR")} chunk in a downsampled block was skipped");
                continue;
            }
            _converted.Clear();
            if (histogram)
            {
                ClearHistograms();
                ExpandHistograms(reader, s, chunk, record);
                _histogram.DownsampleRaw(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_histogramTimes), _histograms, DownsampleResolution.FiveMinutes, _converted);
            }
            else
            {
                var n = reader.DecodeChunk(chunk, record, _timestamps, _values);
                _fixed.Clear();
                _fixed.AppendChunk(_timestamps.AsSpan(0, n), _values.AsSpan(0, n));
                _raw.Downsample(_fixed, DownsampleResolution.FiveMinutes, _converted);
            }
            for (var i = 0; i < _converted.Count; i++)
            {
                var m = _converted.Metas[i];
                Next().Load(_converted.Payload(i), m.MinTime, m.MaxTime);
            }
        }
    }

    private AggregateChunkSamples Next()
    {
        if (_chunks.Count == _pool.Count)
        {
            _pool.Add(new AggregateChunkSamples());
        }
        var next = _pool[_chunks.Count];
        _chunks.Add(next);
        return next;
    }
}
