using System.Globalization;
using System.Text;

namespace ThanosLab.Engine.Durations;

/// <summary>
/// Prometheus' duration syntax (<c>model.ParseDuration</c>): units y, w, d, h, m, s, ms, largest
/// first, each at most once (<c>1d12h</c>, <c>400d</c>, <c>5m</c>). Also accepts a Go duration so
/// <c>1h0m0s</c> works too.
/// </summary>
public static class PrometheusDuration
{
    private static readonly (string Unit, long Ms)[] Units =
    {
        ("y", 365L * 24 * 3_600_000), ("w", 7L * 24 * 3_600_000), ("d", 24L * 3_600_000),
        ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1),
    };

    // model.ParseDuration counts in int64 nanoseconds, as Go's time.Duration does.
    private static readonly long MaxMs = GoDuration.MaxValue.Ticks / TimeSpan.TicksPerMillisecond;

    public static bool TryParse(string? text, out TimeSpan value) => TryParse(text, out value, out _);

    /// <param name="outOfRange">Set when the text is a duration, but longer than <see cref="GoDuration.MaxValue"/>.</param>
    public static bool TryParse(string? text, out TimeSpan value, out bool outOfRange)
    {
        if (TryParseStrict(text, out value, out outOfRange)) return true;
        if (GoDuration.TryParse(text?.Trim(), out value, out var goOutOfRange) && value >= TimeSpan.Zero) return true;
        outOfRange |= goOutOfRange;
        return false;
    }

    /// <summary>
    /// Exactly what Prometheus' own files accept (<c>model.ParseDuration</c>): no Go spellings such as
    /// <c>1.5h</c>, which prometheus.yml would refuse.
    /// </summary>
    public static bool TryParseStrict(string? text, out TimeSpan value) => TryParseStrict(text, out value, out _);

    private static bool TryParseStrict(string? text, out TimeSpan value, out bool outOfRange)
    {
        value = default;
        outOfRange = false;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (s == "0")
        {
            return true;
        }
        long total = 0;
        var pos = 0;
        var lastUnit = -1;
        var ok = true;
        while (pos < s.Length)
        {
            var start = pos;
            while (pos < s.Length && char.IsAsciiDigit(s[pos])) pos++;
            if (pos == start) { ok = false; break; }
            if (!long.TryParse(s.AsSpan(start, pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) { ok = false; outOfRange = true; break; }
            var us = pos;
            while (pos < s.Length && char.IsAsciiLetter(s[pos])) pos++;
            var unit = s[us..pos];
            var idx = Array.FindIndex(Units, u => u.Unit == unit);
            if (idx < 0 || idx <= lastUnit) { ok = false; break; }
            lastUnit = idx;
            if (n > (MaxMs - total) / Units[idx].Ms)
            {
                ok = false;
                outOfRange = true;
                break;
            }
            total += n * Units[idx].Ms;
        }
        // model.ParseDuration refuses what overflows Go's time.Duration (int64 nanoseconds, ~292 years).
        if (!ok || total > long.MaxValue / 1_000_000) return false;
        value = TimeSpan.FromMilliseconds(total);
        return true;
    }

    public static TimeSpan Parse(string? text, string what)
    {
        if (TryParse(text, out var v, out var outOfRange)) return v;
        if (outOfRange) throw GoDuration.OutOfRange(text, what);
        throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidDuration",
            $"'{text}' is not a valid {what}: expected a Prometheus duration such as 15s, 5m, 1h, 1d12h, 2w or 1y (units y, w, d, h, m, s, ms, largest first).", text);
    }

    /// <summary>
    /// The duration in the one largest unit up to days that divides it (<c>1000d</c>, <c>36h</c>,
    /// <c>90s</c>), as people write flags; <see cref="Format"/> when no single unit does.
    /// </summary>
    public static string FormatFlag(TimeSpan value)
    {
        var ms = (long)value.TotalMilliseconds;
        foreach (var (unit, size) in new[] { ("d", 86_400_000L), ("h", 3_600_000L), ("m", 60_000L), ("s", 1000L) })
        {
            if (ms > 0 && ms % size == 0) return (ms / size).ToString(CultureInfo.InvariantCulture) + unit;
        }
        return Format(value);
    }

    /// <summary>Prometheus' own string form: largest units first, zero parts left out (<c>1d12h</c>, <c>0s</c>).</summary>
    public static string Format(TimeSpan value)
    {
        var ms = (long)value.TotalMilliseconds;
        if (ms == 0) return "0s";
        var sb = new StringBuilder();
        if (ms < 0) { sb.Append('-'); ms = -ms; }
        foreach (var (unit, size) in Units)
        {
            if (ms >= size)
            {
                sb.Append((ms / size).ToString(CultureInfo.InvariantCulture)).Append(unit);
                ms %= size;
            }
        }
        return sb.ToString();
    }
}
