using ThanosLab.Engine.Downsampling;

namespace ThanosLab;

/// <summary>Test-ThanosDownsample's verdict on one downsampled block, recomputed from its source block.</summary>
public sealed class ThanosDownsampleTestResult
{
    public string Id { get; set; } = "";

    public string Path { get; set; } = "";

    public TimeSpan Resolution { get; set; }

    /// <summary>The block it was made from (raw for 5m, 5m for 1h).</summary>
    public string SourceId { get; set; } = "";

    public string SourcePath { get; set; } = "";

    public bool IsCorrect { get; set; }

    public ThanosDownsampleDifference[] Differences { get; set; } = Array.Empty<ThanosDownsampleDifference>();

    public long SeriesChecked { get; set; }

    public long WindowsChecked { get; set; }

    internal static ThanosDownsampleTestResult From(DownsampleCheck c) => new()
    {
        Id = c.Meta.Id,
        Path = c.Path,
        Resolution = TimeSpan.FromMilliseconds(DownsampleResolution.Of(c.Meta)),
        SourceId = c.Source.Id,
        SourcePath = c.SourcePath,
        IsCorrect = c.IsCorrect,
        Differences = c.Differences.Select(ThanosDownsampleDifference.From).ToArray(),
        SeriesChecked = c.SeriesChecked,
        WindowsChecked = c.WindowsChecked,
    };

    public override string ToString() => $"{Id}: {(IsCorrect ? "correct" : $"{Differences.Length} difference(s)")}";
}
