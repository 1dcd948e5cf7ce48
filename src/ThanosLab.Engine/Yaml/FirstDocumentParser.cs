using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ThanosLab.Engine.Yaml;

/// <summary>
/// Passes the events of a YAML stream's first document and then ends the stream, so what follows
/// is never parsed: Go's yaml.Unmarshal, which Thanos and Prometheus use, reads only the first document.
/// </summary>
public sealed class FirstDocumentParser : IParser
{
    private readonly IParser _inner;
    private bool _firstDocumentDone;
    private bool _ended;

    public FirstDocumentParser(IParser inner) => _inner = inner;

    public ParsingEvent? Current { get; private set; }

    public bool MoveNext()
    {
        if (_ended) return false;
        if (_firstDocumentDone)
        {
            Current = new StreamEnd();
            _ended = true;
            return true;
        }
        if (!_inner.MoveNext())
        {
            _ended = true;
            return false;
        }
        Current = _inner.Current;
        if (Current is DocumentEnd) _firstDocumentDone = true;
        if (Current is StreamEnd) _ended = true;
        return true;
    }
}
