using System.Globalization;
using System.Text.Json;

namespace ThanosLab.Engine.Json;

/// <summary>
/// A JSON value read by the rules Go's <c>encoding/json</c> applies when it decodes into typed
/// struct fields, so a file is accepted or refused as Prometheus and Thanos accept or refuse it:
/// object keys match a field name case-insensitively (Go's folding) and the last match wins; null
/// leaves a field at its zero value (<see cref="Get"/> returns null for it as for an absent key); an
/// integer field takes only an integer literal in range (no fraction, no exponent, no minus sign for an
/// unsigned one); a string, bool, array or object field takes exactly that kind. Every refusal names
/// the JSON path of the value (<c>thanos.files[0].size_bytes</c>) through the caller's error factory.
/// </summary>
public readonly struct GoJsonValue
{
    private readonly JsonElement _element;
    private readonly Func<string, string, ThanosLabException> _invalid;

    /// <param name="invalid">Makes the error for a path and what is wrong there.</param>
    public GoJsonValue(JsonElement element, string path, Func<string, string, ThanosLabException> invalid)
    {
        _element = element;
        Path = path;
        _invalid = invalid;
    }

    /// <summary>Where the value is, as a JSON path from the document root (empty for the root).</summary>
    public string Path { get; }

    public bool IsNull => _element.ValueKind == JsonValueKind.Null;

    /// <summary>The value as written in the document.</summary>
    public string RawText => _element.GetRawText();

    /// <summary>Fails unless this is an object; <paramref name="what"/> names what Go decodes it into.</summary>
    public GoJsonValue Object(string what) =>
        _element.ValueKind == JsonValueKind.Object ? this : throw WrongKind($"an object ({what})");

    /// <summary>
    /// The field <paramref name="name"/> of this object, or null when the key is absent or its value
    /// is null (Go leaves the field at its zero value either way).
    /// </summary>
    public GoJsonValue? Get(string name)
    {
        JsonElement? found = null;
        foreach (var p in _element.EnumerateObject())
        {
            if (FoldEquals(p.Name, name)) found = p.Value;
        }
        return found is { ValueKind: not JsonValueKind.Null } v ? new GoJsonValue(v, Child(name), _invalid) : null;
    }

    /// <summary>As <see cref="Get"/>, but an absent or null field is an error saying <paramref name="why"/> it is needed.</summary>
    public GoJsonValue Require(string name, string why) =>
        Get(name) ?? throw _invalid(Child(name), $"the field is missing or null; {why}");

    public long Int64()
    {
        if (_element.ValueKind == JsonValueKind.Number && IsIntegerLiteral(RawText, allowMinus: true) &&
            long.TryParse(RawText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }
        throw WrongKind("a whole number from -9223372036854775808 to 9223372036854775807 (int64)");
    }

    public ulong UInt64()
    {
        if (_element.ValueKind == JsonValueKind.Number && IsIntegerLiteral(RawText, allowMinus: false) &&
            ulong.TryParse(RawText, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }
        throw WrongKind("a whole number from 0 to 18446744073709551615 (uint64)");
    }

    public bool Bool() => _element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw WrongKind("true or false"),
    };

    public string String() =>
        _element.ValueKind == JsonValueKind.String ? _element.GetString()! : throw WrongKind("a string");

    /// <summary>
    /// The text between the quotes exactly as written, for types that Go decodes from the raw bytes
    /// without unescaping them (<c>time.Time</c>).
    /// </summary>
    public string RawString()
    {
        if (_element.ValueKind != JsonValueKind.String) throw WrongKind("a string");
        var raw = RawText;
        return raw[1..^1];
    }

    /// <summary>The elements of this array; null stands for a JSON null (Go's zero value of the element type).</summary>
    public IEnumerable<GoJsonValue?> Array(string what)
    {
        if (_element.ValueKind != JsonValueKind.Array) throw WrongKind($"an array ({what})");
        return Elements(_element, Path, _invalid);
    }

    private static IEnumerable<GoJsonValue?> Elements(JsonElement array, string path, Func<string, string, ThanosLabException> invalid)
    {
        var i = 0;
        foreach (var e in array.EnumerateArray())
        {
            yield return e.ValueKind == JsonValueKind.Null ? null : new GoJsonValue(e, $"{path}[{i}]", invalid);
            i++;
        }
    }

    /// <summary>
    /// The entries of this object read as a Go map: every key kept as written, a later duplicate
    /// replacing an earlier one, a null value standing for Go's zero value.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, GoJsonValue?>> Map(string what)
    {
        if (_element.ValueKind != JsonValueKind.Object) throw WrongKind($"an object ({what})");
        var entries = new Dictionary<string, GoJsonValue?>(StringComparer.Ordinal);
        foreach (var p in _element.EnumerateObject())
        {
            entries[p.Name] = p.Value.ValueKind == JsonValueKind.Null ? null : new GoJsonValue(p.Value, Child(p.Name), _invalid);
        }
        return entries.ToArray();
    }

    /// <summary>
    /// Checks a value Go decodes into <c>any</c>: any JSON, except numbers a float64 cannot hold
    /// (Go refuses <c>1e400</c> there) and, stricter than Go, escapes that are not valid UTF-16 text
    /// (the value is written again when meta.json is rewritten).
    /// </summary>
    public void CheckAny()
    {
        switch (_element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    _element.GetString();
                }
                catch (InvalidOperationException)
                {
                    throw _invalid(Path, "the text has a \\u escape that is not valid UTF-16");
                }
                break;
            case JsonValueKind.Number:
                if (!double.TryParse(RawText, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
                {
                    throw _invalid(Path, $"the number {Truncate(RawText)} does not fit a float64, which Go's JSON decoder refuses");
                }
                break;
            case JsonValueKind.Array:
                foreach (var e in Array("any value")) e?.CheckAny();
                break;
            case JsonValueKind.Object:
                foreach (var e in Map("any value")) e.Value?.CheckAny();
                break;
        }
    }

    /// <summary>An error at this value's path, or at its member <paramref name="member"/>.</summary>
    public ThanosLabException Invalid(string problem, string? member = null) => _invalid(member is null ? Path : Child(member), problem);

    private string Child(string name) => Path.Length == 0 ? name : Path + "." + name;

    private ThanosLabException WrongKind(string expected)
    {
        var actual = _element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => $"the string {Truncate(RawText)}",
            JsonValueKind.Number => $"the number {Truncate(RawText)}",
            JsonValueKind.True or JsonValueKind.False => RawText,
            _ => "null",
        };
        return _invalid(Path, $"it is {actual}, where Go's JSON decoder (Prometheus, Thanos) accepts only {expected}");
    }

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;

    // JSON's grammar already rules out leading zeros; Go's strconv.ParseInt/ParseUint additionally
    // refuse fractions and exponents, and ParseUint a minus sign (even "-0").
    private static bool IsIntegerLiteral(string text, bool allowMinus)
    {
        var start = allowMinus && text.StartsWith('-') ? 1 : 0;
        if (start == text.Length) return false;
        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i])) return false;
        }
        return true;
    }

    // Go matches keys to field names with Unicode simple case folding; for the ASCII names of the
    // structs read here that is ASCII case plus KELVIN SIGN (k) and LATIN SMALL LETTER LONG S (s).
    private static bool FoldEquals(string key, string name)
    {
        if (key.Length != name.Length) return false;
        for (var i = 0; i < key.Length; i++)
        {
            var k = key[i] switch
            {
                '\u212A' => 'k',
                '\u017F' => 's',
                var c => char.IsAsciiLetterUpper(c) ? (char)(c + 32) : c,
            };
            var n = char.IsAsciiLetterUpper(name[i]) ? (char)(name[i] + 32) : name[i];
            if (k != n) return false;
        }
        return true;
    }
}
