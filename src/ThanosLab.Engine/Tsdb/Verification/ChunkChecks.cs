using System.Runtime.CompilerServices;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Histograms;
using ThanosLab.Engine.Tsdb.Index;

namespace ThanosLab.Engine.Tsdb.Verification;

/// <summary>
/// The chunks' checks, series by series: each chunk meta of the index (order, range, inside the block)
/// and its record in the segment files (CRC, encoding, every XOR sample decoded against the meta;
/// aggregate chunks through <see cref="AggregateChunkChecks"/>, native histograms through
/// <see cref="HistogramChunkChecks"/>).
/// </summary>
internal static class ChunkChecks
{
    public static void CheckSeries(VerificationRun run, SeriesEntry entry, Func<string> describe)
    {
        var issues = run.Issues;
        var meta = run.Meta;
        if (entry.Chunks.Count == 0)
        {
            issues.Add(new BlockIssue(IndexReader.FileName, entry.Offset, describe(), "the series has no chunks"));
            return;
        }
        NativeHistogram? lastHistogram = null;
        for (var i = 0; i < entry.Chunks.Count; i++)
        {
            if ((i & 1023) == 1023)
            {
                run.Cancellation.ThrowIfCancellationRequested();
            }
            var c = entry.Chunks[i];
            run.Chunks++;
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
            CheckRecord(run, c, i, describe, ref lastHistogram);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CheckRecord(VerificationRun run, SeriesChunk c, int index, Func<string> describe, ref NativeHistogram? lastHistogram)
    {
        if (run.ChunkReader is null)
        {
            return;
        }
        var issues = run.Issues;
        if (!run.ChunkReader.TryRead(c.Ref, out var record, out var issue))
        {
            issues.Add(issue! with { Series = describe() });
            run.ChunksComplete = false;
            return;
        }
        if (!run.DecodeSamples)
        {
            CountAnnounced(run, record, index, describe);
            return;
        }
        if (record.Encoding == AggregateChunkEncoder.Encoding)
        {
            var resolution = run.Meta?.Thanos?.DownsampleResolution ?? 0;
            run.Samples += AggregateChunkChecks.Check(record, c, index, resolution, describe, issues, ref run.ChunksComplete);
            return;
        }
        if (HistogramChunkEncoder.IsHistogramEncoding(record.Encoding))
        {
            run.Samples += HistogramChunkChecks.Check(record, c, index, describe, issues, ref run.ChunksComplete, ref lastHistogram);
            return;
        }
        if (record.Encoding != XorChunkEncoder.Encoding)
        {
            UnknownEncoding(run, record, index, describe);
            return;
        }
        var (timestamps, values) = run.SampleArrays(XorChunkDecoder.SampleCount(record.Data));
        var decoded = XorChunkDecoder.Decode(record.Data, timestamps, values);
        run.Samples += decoded.Decoded;
        if (decoded.Error is not null)
        {
            issues.Add(new BlockIssue(record.Segment, record.Offset, describe(), $"chunk {index}: {decoded.Error}"));
            run.ChunksComplete = false;
            return;
        }
        var (first, last) = decoded.Decoded > 0 ? (timestamps[0], timestamps[decoded.Decoded - 1]) : (0, 0);
        CheckDecoded(record, c, index, describe, issues, (decoded.Count, first, last, decoded.TimestampsIncrease, decoded.HasExactLength, decoded.UsedBytes));
    }

    /// <summary>
    /// A chunk that is not decoded: its record has been read and its CRC checked; the samples its header
    /// announces (an aggregate chunk's windows, by its count aggregate) are counted, and none is an issue.
    /// </summary>
    private static void CountAnnounced(VerificationRun run, ChunkRecord record, int index, Func<string> describe)
    {
        int announced;
        if (record.Encoding == AggregateChunkEncoder.Encoding)
        {
            var chunk = new AggregateChunkDecoder(record.Data);
            if (chunk.Error is not null)
            {
                run.Issues.Add(new BlockIssue(record.Segment, record.Offset, describe(), $"aggregate chunk {index}: {chunk.Error}"));
                run.ChunksComplete = false;
                return;
            }
            announced = chunk.WindowCount;
        }
        else if (HistogramChunkEncoder.IsHistogramEncoding(record.Encoding))
        {
            announced = new HistogramChunkDecoder(record.Data, record.Encoding).Count;
        }
        else if (record.Encoding == XorChunkEncoder.Encoding)
        {
            announced = XorChunkDecoder.SampleCount(record.Data);
        }
        else
        {
            UnknownEncoding(run, record, index, describe);
            return;
        }
        if (announced == 0)
        {
            run.Issues.Add(new BlockIssue(record.Segment, record.Offset, describe(), $"chunk {index} holds no samples by its header"));
        }
        run.Samples += announced;
    }

    private static void UnknownEncoding(VerificationRun run, ChunkRecord record, int index, Func<string> describe)
    {
        run.Issues.Add(new BlockIssue(record.Segment, record.Offset, describe(),
            $"chunk {index} has encoding {record.Encoding}, which is none of XOR (1), histogram (2), float histogram (3) or Thanos aggregate (255)"));
        run.ChunksComplete = false;
    }

    /// <summary>What every fully decoded chunk must satisfy: samples, increasing times, the index's range, Prometheus' length.</summary>
    internal static void CheckDecoded(ChunkRecord record, SeriesChunk c, int index, Func<string> describe, ICollection<BlockIssue> issues,
        (int Count, long First, long Last, bool Increasing, bool HasExactLength, long UsedBytes) decoded)
    {
        if (decoded.Count == 0)
        {
            issues.Add(new BlockIssue(record.Segment, record.Offset, describe(), $"chunk {index} holds no samples"));
            return;
        }
        if (!decoded.Increasing)
        {
            issues.Add(new BlockIssue(record.Segment, record.Offset, describe(), $"chunk {index} has sample timestamps that do not increase"));
        }
        if (decoded.First != c.MinTime || decoded.Last != c.MaxTime)
        {
            issues.Add(new BlockIssue(record.Segment, record.Offset, describe(),
                $"chunk {index} holds samples from {decoded.First} to {decoded.Last}, but the index says [{c.MinTime}, {c.MaxTime}]"));
        }
        if (!decoded.HasExactLength)
        {
            issues.Add(new BlockIssue(record.Segment, record.Offset, describe(),
                $"chunk {index} is {record.Data.Length} bytes, but its {decoded.Count} samples end after {decoded.UsedBytes} bytes"));
        }
    }
}
