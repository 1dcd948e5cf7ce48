using System.Globalization;

namespace ThanosLab.Engine.Durations;

/// <summary>
/// A point in time given either absolutely (RFC 3339) or as a signed duration from now (<c>-6h</c>,
/// <c>30m</c>), like thanosbench's and Thanos' <c>--max-time</c>. Note thanosbench's <c>6h</c> means
/// now <em>plus</em> six hours. A class, not a struct: a struct field in a cmdlet would make PowerShell
/// load the engine while it reflects over the module, before the module can route it to its load context.
/// </summary>
public sealed record TimeOrDuration
{
    private TimeOrDuration(DateTimeOffset? time, TimeSpan? offset)
    {
        Time = time;
        Offset = offset;
    }

    public DateTimeOffset? Time { get; }

    public TimeSpan? Offset { get; }

    public static TimeOrDuration At(DateTimeOffset time) => new(time, null);

    public static TimeOrDuration FromNow(TimeSpan offset) => new(null, offset);

    /// <summary>The time, an offset taken from <paramref name="now"/>; refuses one beyond the years 0001 to 9999.</summary>
    public DateTimeOffset Resolve(DateTimeOffset now)
    {
        if (Time is { } t) return t;
        var offset = Offset!.Value;
        if (offset > DateTimeOffset.MaxValue - now || offset < DateTimeOffset.MinValue - now)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "TimeOutOfRange",
                $"The time {this} from now ({now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}) is out of range: times lie between 0001-01-01 and 9999-12-31.", this);
        }
        return now + offset;
    }

    public static TimeOrDuration Parse(string? text, string what = "time")
    {
        var s = text?.Trim();
        if (!string.IsNullOrEmpty(s))
        {
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
                && (s.Contains('T') || s.Contains('-') && s.Contains(':')))
            {
                return At(t);
            }
            var neg = s[0] == '-';
            var body = s[0] is '-' or '+' ? s[1..] : s;
            if (PrometheusDuration.TryParse(body, out var d, out var outOfRange))
            {
                return FromNow(neg ? -d : d);
            }
            if (outOfRange) throw GoDuration.OutOfRange(text, $"{what} relative to now");
        }
        throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidTimeOrDuration",
            $"'{text}' is not a valid {what}: give an RFC 3339 time such as 2024-01-01T00:00:00Z, or a duration relative to now such as -6h, 30m or -1d.",
            text);
    }

    public override string ToString() =>
        Time is { } t ? t.ToString("yyyy-MM-ddTHH:mm:ss.FFFK", CultureInfo.InvariantCulture) : PrometheusDuration.Format(Offset!.Value);
}
