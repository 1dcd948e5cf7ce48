using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ThanosLab.Engine.Yaml;

/// <summary>
/// One strictly decoded YAML file format (a thanosbench plan, an objstore or a Prometheus
/// configuration): Go's strict decoders reject unknown and repeated keys, so ours do too, and every
/// error names the file, the line, the key and what is accepted.
/// </summary>
/// <param name="Description">How errors name the file, e.g. "The objstore configuration".</param>
/// <param name="StrictNote">Why unknown keys are fatal, appended to that error; empty for none.</param>
public sealed record StrictYamlFormat(string Description, string ErrorId, string StrictNote, string? RecommendedAction = null)
{
    public ThanosLabException Invalid(string source, long line, string message, Exception? inner = null) =>
        new(ErrorKind.InvalidData, ErrorId, $"{Description} {source} (line {line}) {message}.", source, RecommendedAction, inner);

    /// <summary>
    /// The mapping's entries by key. A key in <paramref name="unmodelled"/> is one the real program
    /// knows but ThanosLab does not model: refused with its own message rather than called unknown.
    /// </summary>
    public Dictionary<string, YamlNode> Map(YamlNode node, string source, string what, IReadOnlyCollection<string> known,
        IReadOnlyCollection<string>? unmodelled = null)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (IsNull(node)) return result;
        if (node is not YamlMappingNode map) throw Invalid(source, node.Start.Line, $"has {what} that is not a mapping");
        foreach (var (k, v) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (unmodelled is not null && unmodelled.Contains(key, StringComparer.Ordinal))
            {
                throw Invalid(source, k.Start.Line, $"sets '{key}', a setting ThanosLab does not model; accepted keys in {what}: {string.Join(", ", known)}");
            }
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                var note = StrictNote.Length > 0 ? $" ({StrictNote})" : "";
                throw Invalid(source, k.Start.Line, $"has the unknown key '{key}' in {what}; accepted keys: {string.Join(", ", known)}{note}");
            }
            if (!result.TryAdd(key, v)) throw Invalid(source, k.Start.Line, $"repeats the key '{key}' in {what}");
        }
        return result;
    }

    /// <summary>A scalar's text; anything else is an error naming <paramref name="what"/>.</summary>
    public string Str(YamlNode n, string source, string what) =>
        n is YamlScalarNode s ? s.Value ?? "" : throw Invalid(source, n.Start.Line, $"has {what} that is not a string");

    /// <summary>YAML's plain null spellings, which Go decoders read as "leave the default".</summary>
    public static bool IsNull(YamlNode n) => n is YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" };
}
