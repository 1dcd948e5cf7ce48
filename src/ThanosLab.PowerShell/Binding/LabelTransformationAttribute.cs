using System.Collections;
using System.Management.Automation;
using ThanosLab.Engine;

namespace ThanosLab.Binding;

/// <summary>
/// Lets a label hashtable parameter also take <c>'cluster=eu1'</c> strings (or Thanos' <c>cluster="eu1"</c>
/// form of <c>--label</c>), one or several, so a label given the way Thanos' flags spell it works too.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class LabelTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject pso ? pso.BaseObject : inputData;
        switch (value)
        {
            case null:
                return value!;
            case IDictionary table:
                foreach (DictionaryEntry e in table)
                {
                    try
                    {
                        LabelArguments.ScalarText(e.Key?.ToString() ?? "", e.Value);
                    }
                    catch (ThanosLabException x)
                    {
                        throw new ArgumentTransformationMetadataException(x.Message, x);
                    }
                }
                return table;
            case string s:
                return ToTable(new[] { s });
            case IEnumerable items:
                var strings = new List<string>();
                foreach (var item in items)
                {
                    var v = item is PSObject p ? p.BaseObject : item;
                    strings.Add(v as string ?? throw NotALabel(v));
                }
                return ToTable(strings);
            default:
                throw NotALabel(value);
        }
    }

    private static Hashtable ToTable(IEnumerable<string> pairs)
    {
        var table = new Hashtable(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw NotALabel(pair);
            var name = pair[..eq].Trim();
            var text = pair[(eq + 1)..].Trim();
            if (text.Length >= 2 && text[0] == '"' && text[^1] == '"') text = text[1..^1];
            if (table.ContainsKey(name))
            {
                throw new ArgumentTransformationMetadataException($"The label '{name}' is given more than once; each name may appear once.");
            }
            table[name] = text;
        }
        return table;
    }

    private static ArgumentTransformationMetadataException NotALabel(object? value) =>
        new($"'{value}' is not a label: give a hashtable such as @{{ cluster = 'eu1' }}, or strings such as 'cluster=eu1' or 'cluster=\"eu1\"'.");
}
