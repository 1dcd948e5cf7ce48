using System.Globalization;
using System.Text;

namespace ThanosLab.Engine.Series;

/// <summary>
/// Parses a PromQL series selector: an optional metric name, then optional braces with label
/// matchers (<c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>) separated by commas, a trailing comma allowed;
/// values are double- or single-quoted strings with Go escapes, or backquoted raw strings. As in
/// PromQL, at least one matcher must not match the empty string. Errors name the position (1-based
/// character) and what was expected there.
/// </summary>
public static class SeriesSelectorParser
{
    public static SeriesSelector Parse(string text)
    {
        var p = new Cursor(text);
        var matchers = new List<LabelMatcher>();
        p.SkipSpace();
        if (p.AtNameStart(metric: true))
        {
            matchers.Add(new LabelMatcher("__name__", MatchOperator.Equal, p.Name(metric: true)));
            p.SkipSpace();
        }
        var braces = p.Peek == '{';
        if (matchers.Count == 0 && !braces)
        {
            throw p.Error("a metric name or '{'");
        }
        if (braces)
        {
            p.Advance();
            p.SkipSpace();
            while (p.Peek != '}')
            {
                if (!p.AtNameStart(metric: false))
                {
                    throw p.Error("a label name or '}'");
                }
                var name = p.Name(metric: false);
                p.SkipSpace();
                var op = p.Operator();
                p.SkipSpace();
                var valueAt = p.Position;
                var value = p.String();
                matchers.Add(Matcher(text, name, op, value, valueAt));
                p.SkipSpace();
                if (p.Peek == ',')
                {
                    p.Advance();
                    p.SkipSpace();
                }
                else if (p.Peek != '}')
                {
                    throw p.Error("',' or '}'");
                }
            }
            p.Advance();
            p.SkipSpace();
        }
        if (!p.AtEnd)
        {
            throw p.Error("the end of the selector");
        }
        if (matchers.Count == 0 || matchers.All(m => m.Matches("")))
        {
            throw Invalid(text, 1, "a selector needs at least one matcher that does not match the empty string (PromQL's rule), e.g. a metric name or {job=\"x\"}");
        }
        return new SeriesSelector(matchers);
    }

    private static LabelMatcher Matcher(string text, string name, MatchOperator op, string value, int position)
    {
        try
        {
            return new LabelMatcher(name, op, value);
        }
        catch (ArgumentException e)
        {
            throw Invalid(text, position + 1, $"the regular expression \"{value}\" does not parse: {e.Message}");
        }
    }

    private static ThanosLabException Invalid(string text, int position, string problem) =>
        new(ErrorKind.InvalidArgument, "InvalidSeriesSelector",
            string.Create(CultureInfo.InvariantCulture, $"The series selector '{text}' is not valid at position {position}: {problem}."), text,
            "Write a PromQL series selector: metric_name, metric_name{label=\"value\"} or {label=~\"regex\", other!=\"value\"}.");

    private ref struct Cursor
    {
        private readonly string _text;

        public Cursor(string text)
        {
            _text = text;
            Position = 0;
        }

        public int Position { get; private set; }

        public readonly bool AtEnd => Position >= _text.Length;

        public readonly char Peek => AtEnd ? '\0' : _text[Position];

        public void Advance() => Position++;

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(_text[Position]))
            {
                Position++;
            }
        }

        public readonly bool AtNameStart(bool metric) => !AtEnd && (char.IsAsciiLetter(Peek) || Peek == '_' || metric && Peek == ':');

        public string Name(bool metric)
        {
            var start = Position;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek) || Peek == '_' || metric && Peek == ':'))
            {
                Position++;
            }
            return _text[start..Position];
        }

        public MatchOperator Operator()
        {
            var rest = _text.AsSpan(Position);
            (MatchOperator op, int length) = rest switch
            {
                _ when rest.StartsWith("=~") => (MatchOperator.Regex, 2),
                _ when rest.StartsWith("!~") => (MatchOperator.NotRegex, 2),
                _ when rest.StartsWith("!=") => (MatchOperator.NotEqual, 2),
                _ when rest.StartsWith("=") => (MatchOperator.Equal, 1),
                _ => throw Error("one of =, !=, =~, !~"),
            };
            Position += length;
            return op;
        }

        public string String()
        {
            var quote = Peek;
            if (quote is not ('"' or '\'' or '`'))
            {
                throw Error("a quoted string");
            }
            var start = Position;
            Position++;
            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw Invalid(_text, start + 1, $"the string starting here has no closing {quote}");
                }
                var c = _text[Position++];
                if (c == quote)
                {
                    return value.ToString();
                }
                if (c == '\\' && quote != '`')
                {
                    value.Append(Escape(quote));
                    continue;
                }
                value.Append(c);
            }
        }

        private string Escape(char quote)
        {
            var at = Position;
            if (AtEnd)
            {
                throw Invalid(_text, at, "a backslash ends the selector");
            }
            var c = _text[Position++];
            switch (c)
            {
                case 'a': return "\a";
                case 'b': return "\b";
                case 'f': return "\f";
                case 'n': return "\n";
                case 'r': return "\r";
                case 't': return "\t";
                case 'v': return "\v";
                case '\\': return "\\";
                case 'x': return Code(2, 16, at);
                case 'u': return Code(4, 16, at);
                case 'U': return Code(8, 16, at);
                case >= '0' and <= '7':
                    Position--;
                    return Code(3, 8, at);
            }
            if (c == quote)
            {
                return c.ToString();
            }
            throw Invalid(_text, at, $"'\\{c}' is not an escape sequence of a {quote}-quoted string");
        }

        private string Code(int digits, int radix, int at)
        {
            if (Position + digits > _text.Length)
            {
                throw Invalid(_text, at, "an escape sequence runs past the end");
            }
            var s = _text.Substring(Position, digits);
            Position += digits;
            try
            {
                var code = Convert.ToInt32(s, radix);
                return radix == 8 || digits == 2 ? ((char)code).ToString() : char.ConvertFromUtf32(code);
            }
            catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
            {
                throw Invalid(_text, at, $"'\\{_text[at]}{s}' is not a valid escape sequence");
            }
        }

        public readonly ThanosLabException Error(string expected) =>
            Invalid(_text, Position + 1, AtEnd ? $"expected {expected}, found the end" : $"expected {expected}, found '{Peek}'");
    }
}
