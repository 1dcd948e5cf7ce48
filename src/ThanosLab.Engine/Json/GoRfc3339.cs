namespace ThanosLab.Engine.Json;

/// <summary>
/// Which texts Go's <c>time.Time</c> JSON decoder accepts: <c>time.Parse(time.RFC3339, …)</c>
/// (its strict RFC 3339 check is switched off in Go, go.dev/issue/54580). That is
/// <c>YYYY-MM-DDTh[h]:mm:ss[(.|,)digits](Z|±hh:mm)</c> with month, day (for the month and year),
/// hour 0–23, minute and second 0–59, and an offset of up to 24 hours and 60 minutes.
/// </summary>
public static class GoRfc3339
{
    public static bool IsValid(string s)
    {
        var p = 0;
        if (!Digits(s, ref p, 4, out var year) || !Literal(s, ref p, '-')) return false;
        if (!Digits(s, ref p, 2, out var month) || month is < 1 or > 12 || !Literal(s, ref p, '-')) return false;
        if (!Digits(s, ref p, 2, out var day) || !Literal(s, ref p, 'T')) return false;
        if (!Digits(s, ref p, 1, out var hour)) return false;
        if (p < s.Length && char.IsAsciiDigit(s[p])) hour = hour * 10 + (s[p++] - '0');
        if (hour > 23 || !Literal(s, ref p, ':')) return false;
        if (!Digits(s, ref p, 2, out var minute) || minute > 59 || !Literal(s, ref p, ':')) return false;
        if (!Digits(s, ref p, 2, out var second) || second > 59) return false;
        if (p + 1 < s.Length && s[p] is '.' or ',' && char.IsAsciiDigit(s[p + 1]))
        {
            p++;
            while (p < s.Length && char.IsAsciiDigit(s[p])) p++;
        }
        if (p < s.Length && s[p] == 'Z')
        {
            p++;
        }
        else
        {
            if (p + 6 > s.Length || s[p] is not ('+' or '-') || s[p + 3] != ':') return false;
            p++;
            if (!Digits(s, ref p, 2, out var offsetHours) || offsetHours > 24) return false;
            p++;
            if (!Digits(s, ref p, 2, out var offsetMinutes) || offsetMinutes > 60) return false;
        }
        return p == s.Length && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(year, 1), month) + (year == 0 && month == 2 ? 1 : 0);
    }

    private static bool Digits(string s, ref int p, int count, out int value)
    {
        value = 0;
        if (p + count > s.Length) return false;
        for (var i = 0; i < count; i++)
        {
            if (!char.IsAsciiDigit(s[p + i])) return false;
            value = value * 10 + (s[p + i] - '0');
        }
        p += count;
        return true;
    }

    private static bool Literal(string s, ref int p, char c)
    {
        if (p >= s.Length || s[p] != c) return false;
        p++;
        return true;
    }
}
