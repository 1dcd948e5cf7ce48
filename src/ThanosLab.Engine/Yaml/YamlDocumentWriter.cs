using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ThanosLab.Engine.Yaml;

/// <summary>
/// Writes one YAML document (a top-level mapping) through YamlDotNet's emitter, which does the
/// indenting and escaping. What the emitter cannot know is how Go's yaml.v2 (Thanos, Prometheus)
/// resolves a plain scalar under YAML 1.1, where <c>yes</c>, <c>null</c> or <c>0x1</c> are not strings:
/// every string, key or value, goes through <see cref="YamlScalar.NeedsQuotes"/>, so it reads back as
/// itself.
/// </summary>
public sealed class YamlDocumentWriter
{
    private readonly StringWriter _text = new();
    private readonly Emitter _emitter;
    private bool _finished;

    public YamlDocumentWriter()
    {
        // Sequences indented under their key, as Prometheus' and Thanos' own examples write them.
        _emitter = new Emitter(_text, EmitterSettings.Default.WithIndentedSequences().WithBestWidth(int.MaxValue));
        _emitter.Emit(new StreamStart());
        _emitter.Emit(new DocumentStart());
        _emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
    }

    /// <summary>A string (key or value) that must read back as this string.</summary>
    public YamlDocumentWriter String(string value) =>
        Emit(value, YamlScalar.NeedsQuotes(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Plain);

    /// <summary>A string written double-quoted whatever it holds, for values a reader must never take as anything else.</summary>
    public YamlDocumentWriter Quoted(string value) => Emit(value, ScalarStyle.DoubleQuoted);

    /// <summary>A value that is meant as YAML's own reading of it: a number, a boolean, a duration.</summary>
    public YamlDocumentWriter Literal(string value) => Emit(value, ScalarStyle.Plain);

    public YamlDocumentWriter Literal(bool value) => Literal(value ? "true" : "false");

    public YamlDocumentWriter Literal(long value) => Literal(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary><paramref name="key"/> with a string value.</summary>
    public YamlDocumentWriter Entry(string key, string value) => String(key).String(value);

    public YamlDocumentWriter BeginMapping(bool flow = false)
    {
        _emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, flow ? MappingStyle.Flow : MappingStyle.Block));
        return this;
    }

    public YamlDocumentWriter EndMapping()
    {
        _emitter.Emit(new MappingEnd());
        return this;
    }

    public YamlDocumentWriter BeginSequence(bool flow = false)
    {
        _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, flow ? SequenceStyle.Flow : SequenceStyle.Block));
        return this;
    }

    public YamlDocumentWriter EndSequence()
    {
        _emitter.Emit(new SequenceEnd());
        return this;
    }

    /// <summary>Ends the document and returns its text.</summary>
    public override string ToString()
    {
        if (!_finished)
        {
            _emitter.Emit(new MappingEnd());
            _emitter.Emit(new DocumentEnd(true));
            _emitter.Emit(new StreamEnd());
            _finished = true;
        }
        return _text.ToString();
    }

    private YamlDocumentWriter Emit(string value, ScalarStyle style)
    {
        _emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, style, style == ScalarStyle.Plain, style != ScalarStyle.Plain));
        return this;
    }
}
