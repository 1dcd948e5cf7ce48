using System.Text.RegularExpressions;

namespace ThanosLab.Engine.Series;

/// <summary>The four PromQL label match operators.</summary>
public enum MatchOperator
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

/// <summary>
/// One label matcher of a series selector. A missing label matches as the empty string, and
/// regular expressions are anchored at both ends, as in PromQL.
/// </summary>
public sealed class LabelMatcher
{
    private readonly Regex? _regex;

    public LabelMatcher(string name, MatchOperator op, string value)
    {
        Name = name;
        Operator = op;
        Value = value;
        if (op is MatchOperator.Regex or MatchOperator.NotRegex)
        {
            _regex = new Regex("^(?:" + value + ")$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        }
    }

    public string Name { get; }

    public MatchOperator Operator { get; }

    public string Value { get; }

    public bool Matches(string? labelValue)
    {
        var v = labelValue ?? "";
        return Operator switch
        {
            MatchOperator.Equal => v == Value,
            MatchOperator.NotEqual => v != Value,
            MatchOperator.Regex => _regex!.IsMatch(v),
            _ => !_regex!.IsMatch(v),
        };
    }

    public override string ToString()
    {
        var op = Operator switch
        {
            MatchOperator.Equal => "=",
            MatchOperator.NotEqual => "!=",
            MatchOperator.Regex => "=~",
            _ => "!~",
        };
        return $"{Name}{op}\"{Value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
    }
}
