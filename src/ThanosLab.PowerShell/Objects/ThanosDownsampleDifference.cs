using ThanosLab.Engine.Downsampling;

namespace ThanosLab;

/// <summary>One way a downsampled block differs from its source: the series, the window (when one) and how.</summary>
public sealed class ThanosDownsampleDifference
{
    /// <summary>The series in label-set notation.</summary>
    public string Series { get; set; } = "";

    /// <summary>The window's timestamp, when the difference is about one window.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    public string Message { get; set; } = "";

    internal static ThanosDownsampleDifference From(DownsampleDifference d) => new()
    {
        Series = d.Series,
        Timestamp = d.Timestamp is { } t ? DateTimeOffset.FromUnixTimeMilliseconds(t) : null,
        Message = d.Message,
    };

    public override string ToString() => Timestamp is { } t ? $"{Series} at {t.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}: {Message}" : $"{Series}: {Message}";
}
