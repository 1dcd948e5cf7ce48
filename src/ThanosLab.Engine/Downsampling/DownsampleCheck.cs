using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Downsampling;

/// <summary>One way a downsampled block differs from what its source gives: the series, the window (when one) and how.</summary>
public sealed record DownsampleDifference(string Series, long? Timestamp, string Message)
{
    public override string ToString() => Timestamp is { } t ? $"{Series} at {t}: {Message}" : $"{Series}: {Message}";
}

/// <summary>
/// What <see cref="DownsampleChecker"/> found for one downsampled block: the differences from a
/// recomputation out of its source block (none when correct) and how much it compared.
/// </summary>
public sealed record DownsampleCheck(string Path, BlockMeta Meta, string SourcePath, BlockMeta Source,
    IReadOnlyList<DownsampleDifference> Differences, long SeriesChecked, long WindowsChecked)
{
    public bool IsCorrect => Differences.Count == 0;
}
