using System.Globalization;
using System.Text;

namespace ThanosLab.Engine.Yaml;

/// <summary>
/// Writes a string as a YAML scalar that Go's yaml decoders read back as the same string: plain when
/// that is unambiguous, double-quoted when plain YAML would read it as something else.
/// </summary>
public static class YamlScalar
{
    public static string Quote(string s) => NeedsQuotes(s) ? DoubleQuoted(s) : s;

    /// <summary>
    /// True when <paramref name="s"/> written plain would not read back as this string in a YAML 1.1
    /// decoder such as Go's yaml.v2: empty, padded, starting with an indicator, holding ": " or " #",
    /// control characters, or looking like a null, boolean, number or special float.
    /// </summary>
    public static bool NeedsQuotes(string s) =>
        s.Length == 0
            || s != s.Trim()
            || "-?:,[]{}#&*!|>'\"%@`".Contains(s[0])
            || s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal) || s.EndsWith(':')
            || s.Any(char.IsControl)
            || LooksLikeNonString(s);

    /// <summary>Always double-quoted, for values the reader must never take as anything but a string.</summary>
    public static string DoubleQuoted(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(ch)) sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(ch);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static bool LooksLikeNonString(string s)
    {
        var lower = s.ToLowerInvariant();
        if (lower is "~" or "null" or "true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or ".inf" or "-.inf" or "+.inf" or ".nan") return true;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            || long.TryParse(s.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            || s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || s.StartsWith("0o", StringComparison.OrdinalIgnoreCase);
    }
}
