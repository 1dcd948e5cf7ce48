using System.Globalization;
using System.Text.Json;

namespace ThanosLab.Engine.Prometheus;

/// <summary>Times and durations as the Prometheus HTTP API writes and reads them: Unix seconds with a fraction.</summary>
public static class PrometheusTime
{
    /// <summary>Unix seconds with millisecond precision, e.g. <c>1704067200.001</c>.</summary>
    public static string Format(DateTimeOffset time) => FormatMs(time.ToUnixTimeMilliseconds());

    public static string FormatMs(long ms) =>
        (ms / 1000m).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A duration as seconds (the API's step and timeout accept a float).</summary>
    public static string FormatSeconds(TimeSpan d) =>
        ((decimal)d.Ticks / TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture);

    /// <summary>A JSON number of Unix seconds (<c>1435781451.781</c>) as milliseconds, exactly.</summary>
    public static long ReadMs(JsonElement seconds) =>
        seconds.ValueKind == JsonValueKind.Number && seconds.TryGetDecimal(out var s)
            ? (long)Math.Round(s * 1000m, MidpointRounding.AwayFromZero)
            : throw new FormatException($"expected a Unix time in seconds, got {seconds.GetRawText()}");

    /// <summary>A sample value: Go's float text, or NaN, +Inf, -Inf.</summary>
    public static double ReadValue(JsonElement value)
    {
        var s = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return s switch
        {
            "NaN" => double.NaN,
            "+Inf" or "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            not null when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
            _ => throw new FormatException($"expected a sample value string, got {value.GetRawText()}"),
        };
    }
}
