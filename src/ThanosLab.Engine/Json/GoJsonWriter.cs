using System.Globalization;
using System.Text;

namespace ThanosLab.Engine.Json;

/// <summary>
/// Writes JSON the way Go's <c>json.MarshalIndent(v, "", "\t")</c> does, so meta.json and marker
/// files are byte-identical to what Prometheus and Thanos write: tab indentation, <c>": "</c>
/// separators, <c>[]</c>/<c>{}</c> for empty containers, and Go's HTML-safe escaping of <c>&lt; &gt; &amp;</c>,
/// U+2028 and U+2029. With <c>indent: false</c> it writes Go's compact <c>json.Marshal</c> form.
/// </summary>
public sealed class GoJsonWriter
{
    private readonly StringBuilder _sb = new();
    private readonly bool _indent;
    private readonly Stack<bool> _hasItems = new();

    public GoJsonWriter(bool indent = true) => _indent = indent;

    public GoJsonWriter StartObject(string? name = null) => Open(name, '{');

    public GoJsonWriter EndObject() => Close('}');

    public GoJsonWriter StartArray(string? name = null) => Open(name, '[');

    public GoJsonWriter EndArray() => Close(']');

    public GoJsonWriter String(string? name, string value)
    {
        Item(name);
        WriteString(value);
        return this;
    }

    public GoJsonWriter Number(string? name, long value)
    {
        Item(name);
        _sb.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public GoJsonWriter Number(string? name, ulong value)
    {
        Item(name);
        _sb.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>JSON null, as Go writes a nil slice or pointer without omitempty.</summary>
    public GoJsonWriter Null(string? name)
    {
        Item(name);
        _sb.Append("null");
        return this;
    }

    public GoJsonWriter Bool(string? name, bool value)
    {
        Item(name);
        _sb.Append(value ? "true" : "false");
        return this;
    }

    /// <summary>Inserts already-encoded JSON (e.g. a section kept verbatim), re-indented to the current depth.</summary>
    public GoJsonWriter Raw(string? name, string json)
    {
        Item(name);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        WriteElement(doc.RootElement);
        return this;
    }

    public override string ToString() => _sb.ToString();

    private void WriteElement(System.Text.Json.JsonElement e)
    {
        switch (e.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                _sb.Append('{');
                _hasItems.Push(false);
                foreach (var p in e.EnumerateObject())
                {
                    Item(p.Name);
                    WriteElement(p.Value);
                }
                Close('}');
                break;
            case System.Text.Json.JsonValueKind.Array:
                _sb.Append('[');
                _hasItems.Push(false);
                foreach (var v in e.EnumerateArray())
                {
                    Item(null);
                    WriteElement(v);
                }
                Close(']');
                break;
            case System.Text.Json.JsonValueKind.String:
                WriteString(e.GetString()!);
                break;
            default:
                _sb.Append(e.GetRawText());
                break;
        }
    }

    private GoJsonWriter Open(string? name, char bracket)
    {
        if (_hasItems.Count > 0) Item(name);
        _sb.Append(bracket);
        _hasItems.Push(false);
        return this;
    }

    private GoJsonWriter Close(char bracket)
    {
        var had = _hasItems.Pop();
        if (had) NewLine();
        _sb.Append(bracket);
        return this;
    }

    private void Item(string? name)
    {
        if (_hasItems.Count == 0) return;
        if (_hasItems.Peek()) _sb.Append(',');
        _hasItems.Pop();
        _hasItems.Push(true);
        NewLine();
        if (name is not null)
        {
            WriteString(name);
            _sb.Append(_indent ? ": " : ":");
        }
    }

    private void NewLine()
    {
        if (!_indent) return;
        _sb.Append('\n').Append('\t', _hasItems.Count);
    }

    private void WriteString(string s)
    {
        _sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            if (char.IsSurrogate(ch))
            {
                // Go writes invalid UTF-8 (a lone surrogate here) as U+FFFD.
                if (char.IsHighSurrogate(ch) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    _sb.Append(ch).Append(s[++i]);
                }
                else
                {
                    _sb.Append("\ufffd");
                }
                continue;
            }
            switch (ch)
            {
                case '"': _sb.Append("\\\""); break;
                case '\\': _sb.Append("\\\\"); break;
                case '\n': _sb.Append("\\n"); break;
                case '\r': _sb.Append("\\r"); break;
                case '\t': _sb.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    _sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (ch < 0x20) _sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    else _sb.Append(ch);
                    break;
            }
        }
        _sb.Append('"');
    }
}
