using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Generation;
using ThanosLab.Tests.Generation;
using ThanosLab.Tests.Infrastructure;

namespace ThanosLab.Tests.Downsampling;

/// <summary>
/// The blocks of continuous-365d-tiny that the compactor downsamples, downsampled as it does: every
/// raw block of at least 40 h to 5m, every 5m block of at least 10 days to 1h.
/// </summary>
public sealed class DownsampledYear : IDisposable
{
    public DownsampledYear(IReadOnlyList<GeneratedBlock> raw)
    {
        var downsampler = new BlockDownsampler();
        FiveMinute = raw.Where(b => DownsampleResolution.WhyNotEligible(b.Meta, DownsampleResolution.FiveMinutes) is null)
            .Select(b => downsampler.Downsample(b.Path, DownsampleResolution.FiveMinutes, Directory.Combine("5m")))
            .ToArray();
        OneHour = FiveMinute.Where(b => DownsampleResolution.WhyNotEligible(b.Meta, DownsampleResolution.OneHour) is null)
            .Select(b => downsampler.Downsample(b.Path, DownsampleResolution.OneHour, Directory.Combine("1h")))
            .ToArray();
    }

    public TempDirectory Directory { get; } = new("thanoslab-downsampled-");

    public IReadOnlyList<DownsampledBlock> FiveMinute { get; }

    public IReadOnlyList<DownsampledBlock> OneHour { get; }

    public void Dispose() => Directory.Dispose();
}

/// <summary>The year and its downsampled blocks, made once for a test class.</summary>
public sealed class DownsampledYearFixture : IDisposable
{
    public DownsampledYearFixture() => Downsampled = new DownsampledYear(Year.Blocks);

    public Continuous365dTinyFixture Year { get; } = new();

    public DownsampledYear Downsampled { get; }

    public void Dispose()
    {
        Downsampled.Dispose();
        Year.Dispose();
    }
}
