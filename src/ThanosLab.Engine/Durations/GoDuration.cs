using System.Globalization;
using System.Text;

namespace ThanosLab.Engine.Durations;

/// <summary>
/// Go's <c>time.Duration</c> text form: what thanosbench's plan YAML and Thanos flags use
/// (<c>15s</c>, <c>1h0m0s</c>, <c>1m30s</c>, <c>500ms</c>).
/// </summary>
public static class GoDuration
{
    private const long NsPerTick = 100;

    /// <summary>Go's longest <c>time.Duration</c> (int64 nanoseconds, about 292 years) at tick precision.</summary>
    public static readonly TimeSpan MaxValue = TimeSpan.FromTicks(long.MaxValue / NsPerTick);

    /// <summary>The accepted range, as errors state it.</summary>
    public const string RangeText = "durations reach at most 2562047h47m16s (about 292 years), the range of Go's time.Duration that Prometheus, Thanos and thanosbench use";

    public static bool InRange(TimeSpan value) => value <= MaxValue && value >= -MaxValue;

    /// <summary>The error for a duration beyond <see cref="MaxValue"/>, naming it and the range.</summary>
    public static ThanosLabException OutOfRange(object? value, string what) =>
        new(ErrorKind.InvalidArgument, "DurationOutOfRange", $"The {what} '{value}' is out of range: {RangeText}.", value);

    /// <summary>Formats like Go's <c>Duration.String()</c> (at tick precision, 100 ns); refuses what Go cannot hold.</summary>
    public static string Format(TimeSpan value)
    {
        if (!InRange(value)) throw OutOfRange(value, "duration");
        long ns = value.Ticks * NsPerTick;
        if (ns == 0) return "0s";
        var neg = ns < 0;
        ulong u = neg ? (ulong)(-ns) : (ulong)ns;
        var sb = new StringBuilder();
        if (u < 1_000_000_000UL)
        {
            // Sub-second values use the smallest unit that gives an integer part.
            string unit;
            ulong div;
            if (u < 1_000UL) { unit = "ns"; div = 1; }
            else if (u < 1_000_000UL) { unit = "µs"; div = 1_000; }
            else { unit = "ms"; div = 1_000_000; }
            sb.Append(FormatFraction(u, div)).Append(unit);
        }
        else
        {
            var secondsPart = u % 60_000_000_000UL;
            var totalMinutes = u / 60_000_000_000UL;
            var hours = totalMinutes / 60;
            var minutes = totalMinutes % 60;
            if (hours > 0) sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
            if (hours > 0 || minutes > 0) sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
            sb.Append(FormatFraction(secondsPart, 1_000_000_000UL)).Append('s');
        }
        return (neg ? "-" : "") + sb;
    }

    private static string FormatFraction(ulong v, ulong div)
    {
        var whole = v / div;
        var frac = v % div;
        if (frac == 0) return whole.ToString(CultureInfo.InvariantCulture);
        var digits = div.ToString(CultureInfo.InvariantCulture).Length - 1;
        return whole.ToString(CultureInfo.InvariantCulture) + "." + frac.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }

    /// <summary>Parses Go's <c>time.ParseDuration</c> syntax: a sequence of decimal numbers with units ns, us, µs, ms, s, m, h.</summary>
    public static bool TryParse(string? text, out TimeSpan value) => TryParse(text, out value, out _);

    /// <param name="outOfRange">Set when the text is a duration, but longer than <see cref="MaxValue"/>.</param>
    public static bool TryParse(string? text, out TimeSpan value, out bool outOfRange)
    {
        value = default;
        outOfRange = false;
        if (string.IsNullOrEmpty(text)) return false;
        var s = text.AsSpan();
        var neg = false;
        if (s[0] is '-' or '+')
        {
            neg = s[0] == '-';
            s = s[1..];
        }
        if (s.SequenceEqual("0")) return true;
        if (s.IsEmpty) return false;
        decimal totalNs = 0;
        while (!s.IsEmpty)
        {
            var i = 0;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == 0) return false;
            if (!decimal.TryParse(s[..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                // Well formed (one point at most) but beyond decimal's 29 digits: far out of range.
                outOfRange = s[..i].IndexOf('.') == s[..i].LastIndexOf('.') && s[..i].ContainsAnyInRange('0', '9');
                return false;
            }
            s = s[i..];
            var j = 0;
            while (j < s.Length && !char.IsAsciiDigit(s[j]) && s[j] != '.') j++;
            var unit = s[..j].ToString();
            s = s[j..];
            decimal mult = unit switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                "h" => 3_600_000_000_000m,
                _ => 0m,
            };
            if (mult == 0m) return false;
            // Checked before multiplying: decimal overflows (and throws) long before a number this large parses.
            if (number > long.MaxValue || (totalNs += number * mult) > long.MaxValue)
            {
                outOfRange = true;
                return false;
            }
        }
        var ticks = (long)(totalNs / NsPerTick);
        value = TimeSpan.FromTicks(neg ? -ticks : ticks);
        return true;
    }

    public static TimeSpan Parse(string? text, string what)
    {
        if (TryParse(text, out var v, out var outOfRange)) return v;
        if (outOfRange) throw OutOfRange(text, what);
        throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidDuration",
            $"'{text}' is not a valid {what}: expected a Go duration such as 15s, 1m30s, 1h0m0s or 500ms (units ns, us, ms, s, m, h).", text);
    }
}
