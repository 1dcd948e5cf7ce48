using System.Globalization;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// What writing a set of block specs takes, known before anything is written: the series and samples
/// they hold and the memory the writers hold at once. <see cref="BlockGenerator"/> keeps every series'
/// place in the sorted plan and its postings entries (the index needs them at the end) and the chunks
/// of a few batches of series; blocks written in parallel add up.
/// </summary>
public sealed record GenerationEstimate(double Series, double Samples, double PeakMemoryBytes, int Parallelism)
{
    // Per series: its (spec, target) pair in the sorted plan, its id and label pairs for the postings
    // and its postings entries, in lists that may have doubled. Measured: the 1,000,000-series block
    // of bench/Scale.Bench.ps1 (three labels a series) peaked at 211 MiB, about 85 MiB above pwsh
    // with the module loaded.
    private const double BytesPerSeries = 80;
    private const double BytesPerSeriesLabel = 10;

    // A series' chunk payloads in a buffer that grows by doubling, plus chunk metadata, for every
    // series of the batches in flight. Measured on one series of a year at 1s (31.5 million samples):
    // a gauge raised the peak RSS by 1.8 bytes a sample, a random series (7.3 bytes a sample on disk) by 16.
    private const double BytesPerSample = 3;
    private const double BytesPerRandomSample = 16;

    // A native-histogram series holds its chunks until written: about 40 bytes a sample for the
    // integer counter histogram and 300 for the float gauge histogram at the default 40 buckets
    // (measured on continuous-30d-tiny), scaled by the bucket count.
    private const double BytesPerHistogramBucketSample = 1.0;
    private const double BytesPerFloatHistogramBucketSample = 7.5;

    public static GenerationEstimate Of(IReadOnlyCollection<BlockSpec> blocks, int parallelism)
    {
        double series = 0, samples = 0;
        var perBlock = new List<double>(blocks.Count);
        foreach (var block in blocks)
        {
            double blockMemory = 0, largestSeries = 0, blockSeries = 0;
            foreach (var s in block.Series)
            {
                var perSeries = SamplesPerSeries(s);
                series += s.Targets;
                blockSeries += s.Targets;
                samples += s.Targets * perSeries;
                blockMemory += s.Targets * (BytesPerSeries + BytesPerSeriesLabel * (s.Labels.Count + 1));
                largestSeries = Math.Max(largestSeries, perSeries * BytesPerSampleOf(s));
            }
            var seriesInFlight = Math.Min(blockSeries, (double)BlockGenerator.SeriesPerBatch(block) * BlockGenerator.BatchesInFlight);
            perBlock.Add(blockMemory + seriesInFlight * largestSeries);
        }
        var peak = perBlock.OrderDescending().Take(Math.Max(1, parallelism)).Sum();
        return new GenerationEstimate(series, samples, peak, parallelism);
    }

    private static double BytesPerSampleOf(SeriesSpec s) => s.Type switch
    {
        SeriesType.Random => BytesPerRandomSample,
        SeriesType.Histogram => BytesPerHistogramBucketSample * (s.Histogram ?? HistogramShape.Default).Buckets,
        SeriesType.FloatHistogram => BytesPerFloatHistogramBucketSample * (s.Histogram ?? HistogramShape.Default).Buckets,
        _ => BytesPerSample,
    };

    /// <summary>Samples of one series: one per scrape interval over its range, as the generators draw them.</summary>
    public static double SamplesPerSeries(SeriesSpec s)
    {
        var interval = s.Characteristics.ScrapeInterval.TotalMilliseconds;
        return interval <= 0 || s.MaxTime < s.MinTime ? 0 : Math.Floor(((double)s.MaxTime - s.MinTime) / interval) + 1;
    }

    /// <summary>Refuses the work when it needs more memory than the process can have (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>).</summary>
    public void EnsureFits() => EnsureFits(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    public void EnsureFits(long availableBytes)
    {
        if (PeakMemoryBytes <= availableBytes) return;
        throw new ThanosLabException(ErrorKind.InvalidArgument, "PlanTooLarge",
            $"The plans hold {Count(Series)} series and {Count(Samples)} samples; writing them {(Parallelism > 1 ? $"{Parallelism} blocks at a time " : "")}" +
            $"needs about {Size(PeakMemoryBytes)} of memory, more than the {Size(availableBytes)} this machine has available. Nothing was written.",
            this, "Plan fewer targets or series, a shorter range or a longer scrape interval, or write fewer blocks at a time (-ThrottleLimit 1).");
    }

    private static string Count(double n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Size(double bytes) =>
        bytes >= 1 << 30 ? (bytes / (1 << 30)).ToString("N1", CultureInfo.InvariantCulture) + " GiB" : (bytes / (1 << 20)).ToString("N0", CultureInfo.InvariantCulture) + " MiB";
}
