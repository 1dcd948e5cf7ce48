using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// thanosbench's <c>block gen</c> for one block spec (formats.md §17.3): every target of every series
/// spec becomes a series seeded from its labels, cut into chunks by Prometheus' head rule, and written
/// in label-set order. The block's range comes from the data (first sample to last sample + 1).
/// Memory holds the chunks of a few batches of series and the index metadata, never the whole block.
/// </summary>
public static class BlockGenerator
{
    /// <param name="samplesWritten">Called after each series with the number of samples it held.</param>
    /// <param name="segmentSize">Where chunk segment files are cut: Prometheus' 512 MiB unless a test needs several small ones.</param>
    public static GeneratedBlock Generate(BlockSpec spec, string outputDirectory, Action<long>? samplesWritten = null, CancellationToken cancellation = default,
        long segmentSize = ChunkSegmentWriter.DefaultSegmentSize)
    {
        LabelNameRules.ValidateExternal(spec.ExternalLabels);
        foreach (var s in spec.Series)
        {
            s.Validate();
        }
        cancellation.ThrowIfCancellationRequested();

        try
        {
            return Write(spec, outputDirectory, samplesWritten, segmentSize, cancellation);
        }
        catch (IOException e) when (IO.DiskFull.Is(e))
        {
            throw new ThanosLabException(ErrorKind.WriteError, "DiskFull",
                $"Writing a block into '{outputDirectory}' failed: the disk is full ({e.Message}). The unfinished block was removed; nothing half-written was left behind.",
                outputDirectory, "Free space on the disk that holds the output directory, or write into a directory on another disk.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.WriteError, "BlockWriteFailed",
                $"Writing a block into '{outputDirectory}' failed: {e.Message}", outputDirectory,
                "Check free space and permissions of the output directory; nothing half-written was left behind.", e);
        }
    }

    // A batch is enough series to make a worker's hand-over cheap, and few enough samples that the
    // batches in flight stay small next to the index (a year of 1 s samples is one series a batch).
    private const int MaxSeriesPerBatch = 256;
    private const double SamplesPerBatch = 1 << 20;

    /// <summary>Series per batch for <paramref name="spec"/>: up to 256, and about a million samples at most (one series at least).</summary>
    internal static int SeriesPerBatch(BlockSpec spec)
    {
        var longest = spec.Series.Count == 0 ? 1 : spec.Series.Max(GenerationEstimate.SamplesPerSeries);
        return (int)Math.Clamp(SamplesPerBatch / Math.Max(1, longest), 1, MaxSeriesPerBatch);
    }

    /// <summary>Batches being made or waiting to be written at one time, per block.</summary>
    internal static int BatchesInFlight => Environment.ProcessorCount + 1;

    private static GeneratedBlock Write(BlockSpec spec, string outputDirectory, Action<long>? samplesWritten, long segmentSize, CancellationToken cancellation)
    {
        // Stamped with the creation time, as Prometheus stamps its blocks.
        using var writer = BlockWriter.Create(outputDirectory, Ulid.NewUlid(DateTimeOffset.UtcNow), segmentSize);
        var plan = BlockSeriesPlan.Plan(spec, writer.Index);
        var labelRefs = new int[plan.MaxLabelRefs];
        var refs = new List<ulong>();
        long minTime = long.MaxValue, maxTime = long.MinValue, samples = 0, chunkCount = 0, seriesCount = 0;

        // Batches are generated on the pool, a few ahead, and written here in order.
        var inFlight = BatchesInFlight;
        var batchSize = SeriesPerBatch(spec);
        var pending = new Queue<(Task Encoding, EncodedSeriesBatch Batch)>();
        var free = new Stack<EncodedSeriesBatch>();
        var next = 0;
        try
        {
            while (next < plan.Series.Length || pending.Count > 0)
            {
                while (next < plan.Series.Length && pending.Count < inFlight)
                {
                    var batch = free.Count > 0 ? free.Pop() : new EncodedSeriesBatch(spec, plan);
                    var (start, count) = (next, Math.Min(batchSize, plan.Series.Length - next));
                    next += count;
                    pending.Enqueue((Task.Run(() => batch.Encode(start, count, cancellation), cancellation), batch));
                }
                var (encoding, done) = pending.Dequeue();
                encoding.GetAwaiter().GetResult();
                for (var i = 0; i < done.Count; i++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var metas = done.Chunks(i);
                    if (metas.Length == 0)
                    {
                        // Prometheus writes no series without samples.
                        continue;
                    }
                    System.Runtime.InteropServices.CollectionsMarshal.SetCount(refs, metas.Length);
                    var refSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(refs);
                    writer.Chunks.WriteSeries(done.Payloads(i), done.Lengths(i), refSpan, done.Encoding(i));
                    for (var c = 0; c < metas.Length; c++)
                    {
                        metas[c] = metas[c] with { Ref = refSpan[c] };
                    }
                    writer.Index.AddSeries(labelRefs.AsSpan(0, plan.LabelRefs(plan.Series[done.Start + i], labelRefs)), metas);
                    minTime = Math.Min(minTime, metas[0].MinTime);
                    maxTime = Math.Max(maxTime, metas[^1].MaxTime);
                    samples += done.Samples(i);
                    chunkCount += metas.Length;
                    seriesCount++;
                    samplesWritten?.Invoke(done.Samples(i));
                }
                free.Push(done);
            }
        }
        finally
        {
            // Batches still being made write only into themselves, but are waited for so that none
            // outlives the block it belongs to.
            foreach (var (encoding, _) in pending)
            {
                try
                {
                    encoding.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                }
            }
        }
        if (samples == 0)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "EmptyBlock",
                $"The block spec [{spec.MinTime}, {spec.MaxTime}] produces no samples, and an empty block is not written.", spec,
                "Give a range at least one scrape interval long.");
        }
        cancellation.ThrowIfCancellationRequested();
        var meta = new BlockMeta(writer.Id, minTime, maxTime + 1,
            new BlockStats((ulong)samples, (ulong)seriesCount, (ulong)chunkCount),
            new BlockCompaction(1, new[] { writer.Id }))
        {
            Thanos = new ThanosMeta(spec.ExternalLabels, 0, spec.Source),
        };
        var size = writer.Complete(meta);
        return new GeneratedBlock(meta, writer.FinalPath, size);
    }
}
