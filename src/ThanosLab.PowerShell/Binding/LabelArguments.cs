using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Binding;

/// <summary>Converts between PowerShell label hashtables and engine label sets.</summary>
internal static class LabelArguments
{
    public static LabelSet ToLabelSet(IDictionary? table, string what = "label")
    {
        if (table is null) return LabelSet.Empty;
        var labels = new List<Label>(table.Count);
        foreach (DictionaryEntry e in table)
        {
            var name = (e.Key is PSObject pk ? pk.BaseObject : e.Key)?.ToString() ?? "";
            labels.Add(new Label(name, ScalarText(name, e.Value, what)!));
        }
        return LabelSet.Create(labels, what);
    }

    /// <summary>A label value's text; a hashtable, list or other object is refused naming the label.</summary>
    public static string? ScalarText(string name, object? value, string what = "label") =>
        ScalarArgument.Text(value, $"{what} '{name}'", "LabelValueNotScalar", $"@{{ {name} = 'eu1' }}");

    /// <summary>An ordered dictionary, sorted by name, so output shows labels in Prometheus order.</summary>
    public static OrderedDictionary ToDictionary(IEnumerable<Label> labels)
    {
        var d = new OrderedDictionary(StringComparer.Ordinal);
        foreach (var l in labels.OrderBy(l => l.Name, Utf8ByteOrder.Instance)) d[l.Name] = l.Value;
        return d;
    }

    /// <summary>The Prometheus text form, <c>{a="1", b="2"}</c>, used by format views.</summary>
    public static string Format(IDictionary? labels) =>
        labels is null ? "{}" : LabelSet.Create(labels.Keys.Cast<object>().Select(k => new Label(k.ToString()!, labels[k]?.ToString() ?? ""))).ToString();
}
