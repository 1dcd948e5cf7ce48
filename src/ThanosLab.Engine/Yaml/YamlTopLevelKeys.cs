using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ThanosLab.Engine.Yaml;

/// <summary>
/// The keys of a YAML file's top-level mapping (first document only, nesting bounded), for telling
/// which kind of file it is before reading it strictly. Each format says which keys make it its own
/// (<c>ObjstoreConfigYaml.Recognises</c>, <c>PrometheusConfigYaml.Recognises</c>); this is the one
/// sniffing both use.
/// </summary>
public static class YamlTopLevelKeys
{
    /// <summary>The keys; empty when the text is not YAML or not a mapping. Nesting beyond the bound is still an error.</summary>
    /// <param name="source">Names the input in errors.</param>
    public static IReadOnlyList<string> Read(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new FirstDocumentParser(new BoundedYamlParser(new StringReader(yaml), source)));
        }
        catch (YamlException)
        {
            return Array.Empty<string>();
        }
        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode map
            ? map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToList()
            : Array.Empty<string>();
    }
}
