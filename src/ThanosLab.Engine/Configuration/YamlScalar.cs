using System.Globalization;
using System.Text;

namespace ThanosLab.Engine.Configuration;

/// <summary>
/// Writes a string as a YAML scalar that every YAML 1.1/1.2 reader (Go's yaml.v2 and yaml.v3,
/// YamlDotNet) reads back as the same string: plain when that is unambiguous, double-quoted otherwise.
/// </summary>
public static class YamlScalar
{
    public static string Format(string s)
    {
        var needsQuotes = s.Length == 0
            || s != s.Trim()
            || "-?:,[]{}#&*!|>'\"%@`".Contains(s[0])
            || s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal) || s.EndsWith(':')
            || s.Any(char.IsControl)
            || LooksLikeNonString(s);
        return needsQuotes ? DoubleQuoted(s) : s;
    }

    /// <summary>Always double-quoted, with JSON-like escapes that YAML shares.</summary>
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

    // yaml.v2 resolves these plain scalars to booleans, numbers or null; a Go string field would
    // still take some of them, but a map[string]string value such as `replica: 0` depends on it.
    private static bool LooksLikeNonString(string s)
    {
        var lower = s.ToLowerInvariant();
        if (lower is "~" or "null" or "true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or ".inf" or "-.inf" or "+.inf" or ".nan") return true;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            || long.TryParse(s.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            || s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || s.StartsWith("0o", StringComparison.OrdinalIgnoreCase);
    }
}
