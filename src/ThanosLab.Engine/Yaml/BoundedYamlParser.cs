using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ThanosLab.Engine.Yaml;

/// <summary>
/// Passes a YAML parser's events on and refuses a document whose collections nest deeper than
/// <see cref="MaxDepth"/>: YamlDotNet builds nodes recursively, so a file of 50,000 <c>[</c> would
/// overflow the stack and end the process, which no catch can stop. Every YAML file we read goes
/// through here.
/// </summary>
public sealed class BoundedYamlParser : IParser
{
    /// <summary>Plans and configurations nest fewer than 10 levels; this leaves room and keeps the stack small.</summary>
    public const int MaxDepth = 64;

    /// <summary>The error's id: one for every format, so a reader that tries formats in turn can let it through.</summary>
    public const string TooDeepErrorId = "YamlNestedTooDeep";

    private readonly IParser _inner;
    private readonly string _source;
    private int _depth;

    /// <param name="source">Names the input in errors (a file path, or "the YAML").</param>
    public BoundedYamlParser(TextReader reader, string source)
    {
        _inner = new Parser(reader);
        _source = source;
    }

    public ParsingEvent? Current => _inner.Current;

    public bool MoveNext()
    {
        if (!_inner.MoveNext()) return false;
        switch (_inner.Current)
        {
            case SequenceStart or MappingStart:
                if (++_depth > MaxDepth)
                {
                    throw new ThanosLabException(ErrorKind.InvalidData, TooDeepErrorId,
                        $"The YAML in {_source} (line {_inner.Current.Start.Line}) nests lists and mappings more than {MaxDepth} levels deep, the most ThanosLab reads; plans and configurations need fewer than 10.",
                        _source, "Give a thanosbench plan, an objstore configuration or a prometheus.yml as their tools write them.");
                }
                break;
            case SequenceEnd or MappingEnd:
                _depth--;
                break;
        }
        return true;
    }
}
