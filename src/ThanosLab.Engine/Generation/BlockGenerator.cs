using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// thanosbench's <c>block gen</c> for one block spec (formats.md §17.3): every target of every series
/// spec becomes a series seeded from its labels, cut into chunks by Prometheus' head rule, and written
/// in label-set order. The block's range comes from the data (first sample to last sample + 1).
/// Memory holds one series' chunks and the index metadata, never the whole block.
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

    private static GeneratedBlock Write(BlockSpec spec, string outputDirectory, Action<long>? samplesWritten, long segmentSize, CancellationToken cancellation)
    {
        // Stamped with the creation time, as Prometheus stamps its blocks.
        using var writer = BlockWriter.Create(outputDirectory, Ulid.NewUlid(DateTimeOffset.UtcNow), segmentSize);
        var plan = BlockSeriesPlan.Plan(spec, writer.Index);
        var seeds = spec.Series.Select(s => new SeriesSeed(s.Labels, spec.ExternalLabels)).ToArray();
        var labelRefs = new int[plan.MaxLabelRefs];

        var random = new GoRandom(0);
        var encoder = new XorChunkEncoder();
        var payloads = new EncodingBuffer(1 << 16);
        var lengths = new List<int>();
        var chunks = new List<SeriesChunk>();
        var refs = new List<ulong>();
        long minTime = long.MaxValue, maxTime = long.MinValue, samples = 0, chunkCount = 0, seriesCount = 0;

        foreach (var planned in plan.Series)
        {
            cancellation.ThrowIfCancellationRequested();
            var s = spec.Series[planned.Spec];
            random.Seed(seeds[planned.Spec].SeedOf(plan.TargetValue(planned.Target)));
            var generator = SampleGenerator.Create(s.Type, random, s.MinTime, s.MaxTime, s.Characteristics);
            var cutter = new ChunkCutter(ChunkCutter.ThanosbenchChunkRange);
            payloads.Reset();
            lengths.Clear();
            chunks.Clear();
            encoder.Reset();
            long seriesSamples = 0;
            while (generator.Next())
            {
                var t = generator.Time;
                if (cutter.StartsChunk(t, encoder.Count) && encoder.Count > 0)
                {
                    CloseChunk(encoder, payloads, lengths, chunks);
                }
                encoder.Append(t, generator.Value);
                seriesSamples++;
            }
            if (encoder.Count > 0)
            {
                CloseChunk(encoder, payloads, lengths, chunks);
            }
            if (chunks.Count == 0)
            {
                // Prometheus writes no series without samples.
                continue;
            }
            System.Runtime.InteropServices.CollectionsMarshal.SetCount(refs, chunks.Count);
            var refSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(refs);
            writer.Chunks.WriteSeries(payloads.Span, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(lengths), refSpan);
            var metas = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chunks);
            for (var i = 0; i < metas.Length; i++)
            {
                metas[i] = metas[i] with { Ref = refSpan[i] };
            }
            writer.Index.AddSeries(labelRefs.AsSpan(0, plan.LabelRefs(planned, labelRefs)), metas);
            minTime = Math.Min(minTime, metas[0].MinTime);
            maxTime = Math.Max(maxTime, metas[^1].MaxTime);
            samples += seriesSamples;
            chunkCount += metas.Length;
            seriesCount++;
            samplesWritten?.Invoke(seriesSamples);
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

    private static void CloseChunk(XorChunkEncoder encoder, EncodingBuffer payloads, List<int> lengths, List<SeriesChunk> chunks)
    {
        payloads.PutBytes(encoder.Bytes);
        lengths.Add(encoder.Bytes.Length);
        chunks.Add(new SeriesChunk(encoder.MinTime, encoder.MaxTime, 0));
        encoder.Reset();
    }
}
