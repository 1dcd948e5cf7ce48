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
    private readonly record struct PlannedSeries(LabelSet Labels, SeriesSpec Spec, string Target);

    /// <param name="samplesWritten">Called after each series with the number of samples it held.</param>
    public static GeneratedBlock Generate(BlockSpec spec, string outputDirectory, Action<long>? samplesWritten = null, CancellationToken cancellation = default)
    {
        LabelNameRules.ValidateExternal(spec.ExternalLabels);
        foreach (var s in spec.Series)
        {
            s.Validate();
        }
        var series = PlanSeries(spec);
        cancellation.ThrowIfCancellationRequested();

        try
        {
            return Write(spec, series, outputDirectory, samplesWritten, cancellation);
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

    private static GeneratedBlock Write(BlockSpec spec, List<PlannedSeries> series, string outputDirectory, Action<long>? samplesWritten, CancellationToken cancellation)
    {
        // Stamped with the creation time, as Prometheus stamps its blocks.
        using var writer = BlockWriter.Create(outputDirectory, Ulid.NewUlid(DateTimeOffset.UtcNow));
        writer.Index.AddSymbols(series.SelectMany(s => s.Labels).SelectMany(l => new[] { l.Name, l.Value }));

        var encoder = new XorChunkEncoder();
        var payloads = new EncodingBuffer(1 << 16);
        var lengths = new List<int>();
        var chunks = new List<SeriesChunk>();
        var refs = new List<ulong>();
        long minTime = long.MaxValue, maxTime = long.MinValue, samples = 0, chunkCount = 0, seriesCount = 0;

        foreach (var s in series)
        {
            cancellation.ThrowIfCancellationRequested();
            var random = new GoRandom(SeriesSeed.Seed(s.Target, s.Spec.Labels, spec.ExternalLabels));
            var generator = SampleGenerator.Create(s.Spec.Type, random, s.Spec.MinTime, s.Spec.MaxTime, s.Spec.Characteristics, s.Spec.Histogram);
            var cutter = new ChunkCutter(ChunkCutter.ThanosbenchChunkRange);
            payloads.Reset();
            lengths.Clear();
            chunks.Clear();
            encoder.Reset();
            long seriesSamples = 0;
            var encoding = XorChunkEncoder.Encoding;
            if (generator is LatencyHistogramGenerator histograms)
            {
                (seriesSamples, encoding) = WriteHistograms(histograms, s.Spec.Type == SeriesType.FloatHistogram, payloads, lengths, chunks);
            }
            while (encoding == XorChunkEncoder.Encoding && generator.Next())
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
            refs.Clear();
            refs.AddRange(new ulong[chunks.Count]);
            var refSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(refs);
            writer.Chunks.WriteSeries(payloads.Span, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(lengths), refSpan, encoding);
            var metas = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chunks);
            for (var i = 0; i < metas.Length; i++)
            {
                metas[i] = metas[i] with { Ref = refSpan[i] };
            }
            writer.Index.AddSeries(s.Labels, metas);
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

    // A native-histogram series (ThanosLab's extension): chunks cut as Prometheus' head cuts them.
    private static (long Samples, byte Encoding) WriteHistograms(LatencyHistogramGenerator generator, bool floatCounts, EncodingBuffer payloads, List<int> lengths, List<SeriesChunk> chunks)
    {
        var head = new HistogramHeadAppender(ChunkCutter.ThanosbenchChunkRange, floatCounts, gauge: floatCounts, chunk =>
        {
            payloads.PutBytes(chunk.Bytes);
            lengths.Add(chunk.Bytes.Length);
            chunks.Add(new SeriesChunk(chunk.MinTime, chunk.MaxTime, 0));
        });
        long samples = 0;
        while (generator.Next())
        {
            head.Append(generator.Time, generator.Histogram);
            samples++;
        }
        head.Flush();
        return (samples, floatCounts ? HistogramChunkEncoder.FloatHistogramEncoding : HistogramChunkEncoder.HistogramEncoding);
    }

    private static void CloseChunk(XorChunkEncoder encoder, EncodingBuffer payloads, List<int> lengths, List<SeriesChunk> chunks)
    {
        payloads.PutBytes(encoder.Bytes);
        lengths.Add(encoder.Bytes.Length);
        chunks.Add(new SeriesChunk(encoder.MinTime, encoder.MaxTime, 0));
        encoder.Reset();
    }

    // Targets n..1 of each spec, labelled __blockgen_target__, sorted as the index needs them.
    private static List<PlannedSeries> PlanSeries(BlockSpec spec)
    {
        var series = new List<PlannedSeries>();
        foreach (var s in spec.Series)
        {
            for (var target = s.Targets; target >= 1; target--)
            {
                var value = target.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var labels = s.Labels.Merge(LabelSet.Create(new[] { new Label(SeriesSpec.TargetLabel, value) }));
                series.Add(new PlannedSeries(labels, s, value));
            }
        }
        series.Sort((a, b) => a.Labels.CompareTo(b.Labels));
        for (var i = 1; i < series.Count; i++)
        {
            if (series[i].Labels.Equals(series[i - 1].Labels))
            {
                throw new ThanosLabException(ErrorKind.InvalidArgument, "DuplicateSeries",
                    $"The block spec lists series {series[i].Labels} more than once; each label set may appear once.", series[i].Labels.ToString());
            }
        }
        return series;
    }
}
