using System.Globalization;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// Go's <c>strconv.FormatFloat(f, 'g', -1, 64)</c>, which yaml.v2 uses for floats: shortest
/// round-trip digits, exponent form when the decimal exponent is below -4 or at least 6
/// (<c>3e+07</c>, <c>123456</c>, <c>1.5e-05</c>).
/// </summary>
public static class GoFloatFormat
{
    public static string Format(double f)
    {
        if (double.IsNaN(f)) return ".nan";
        if (double.IsPositiveInfinity(f)) return ".inf";
        if (double.IsNegativeInfinity(f)) return "-.inf";
        if (f == 0) return double.IsNegative(f) ? "-0" : "0";

        // "E16" is not shortest; "R" is. Split R's output into digits and a decimal exponent.
        var r = Math.Abs(f).ToString("R", CultureInfo.InvariantCulture);
        string mantissa = r;
        var exp10 = 0;
        var e = r.IndexOfAny(new[] { 'E', 'e' });
        if (e >= 0)
        {
            mantissa = r[..e];
            exp10 = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        var dot = mantissa.IndexOf('.');
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var fracPart = dot < 0 ? "" : mantissa[(dot + 1)..];
        var digits = (intPart + fracPart).TrimStart('0');
        // Position of the decimal point relative to the start of 'digits' (Go's digs.dp).
        var leadingZeros = (intPart + fracPart).Length - (intPart + fracPart).TrimStart('0').Length;
        var dp = intPart.Length + exp10 - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";

        var exp = dp - 1;
        var body = exp < -4 || exp >= 6 ? Exponent(digits, exp) : Fixed(digits, dp);
        return (f < 0 ? "-" : "") + body;
    }

    private static string Exponent(string digits, int exp)
    {
        var m = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
        var sign = exp < 0 ? "-" : "+";
        var a = Math.Abs(exp);
        return m + "e" + sign + (a < 10 ? "0" : "") + a.ToString(CultureInfo.InvariantCulture);
    }

    private static string Fixed(string digits, int dp)
    {
        if (dp <= 0) return "0." + new string('0', -dp) + digits;
        if (dp >= digits.Length) return digits + new string('0', dp - digits.Length);
        return digits[..dp] + "." + digits[dp..];
    }
}
