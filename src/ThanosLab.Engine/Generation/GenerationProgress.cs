using System.Diagnostics;
using System.Globalization;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// How far writing a set of blocks has come: samples and series written, their rates since the
/// start, and when the rest should be done at that rate.
/// </summary>
public sealed class GenerationProgress
{
    // An estimate from the first moments (JIT, the first series) would jump about.
    private static readonly TimeSpan EstimateAfter = TimeSpan.FromSeconds(1);

    private readonly Func<TimeSpan> _elapsed;

    public GenerationProgress(long totalSamples, int totalBlocks, Func<TimeSpan>? elapsed = null)
    {
        TotalSamples = Math.Max(1, totalSamples);
        TotalBlocks = totalBlocks;
        if (elapsed is null)
        {
            var clock = Stopwatch.StartNew();
            elapsed = () => clock.Elapsed;
        }
        _elapsed = elapsed;
    }

    public long TotalSamples { get; }

    public int TotalBlocks { get; }

    public long Samples { get; private set; }

    public long Series { get; private set; }

    public int Blocks { get; private set; }

    public int PercentComplete => (int)Math.Min(100, Samples * 100 / TotalSamples);

    public double SamplesPerSecond => Rate(Samples);

    public double SeriesPerSecond => Rate(Series);

    /// <summary>The time left at the rate so far; null in the first second or before any sample.</summary>
    public TimeSpan? Remaining
    {
        get
        {
            var elapsed = _elapsed();
            if (elapsed < EstimateAfter || Samples == 0)
            {
                return null;
            }
            return TimeSpan.FromSeconds(Math.Max(0, TotalSamples - Samples) / SamplesPerSecond);
        }
    }

    public void Add(long samples, long series)
    {
        Samples += samples;
        Series += series;
    }

    public void BlockDone() => Blocks++;

    /// <summary>For a progress bar: counts, rates once they can be told, and blocks done.</summary>
    public string Describe()
    {
        var text = string.Format(CultureInfo.InvariantCulture, "{0:N0} of {1:N0} samples", Samples, TotalSamples);
        if (Remaining is not null)
        {
            text += string.Format(CultureInfo.InvariantCulture, " ({0} samples/s, {1} series/s)", Rounded(SamplesPerSecond), Rounded(SeriesPerSecond));
        }
        return text + string.Format(CultureInfo.InvariantCulture, ", {0} of {1} blocks", Blocks, TotalBlocks);
    }

    private double Rate(long count)
    {
        var seconds = _elapsed().TotalSeconds;
        return seconds > 0 ? count / seconds : 0;
    }

    private static string Rounded(double perSecond) =>
        perSecond >= 1e6 ? (perSecond / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " M" : perSecond.ToString("N0", CultureInfo.InvariantCulture);
}
