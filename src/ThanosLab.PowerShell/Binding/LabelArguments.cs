using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;
using ThanosLab.Engine;
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

    /// <summary>
    /// A label value's text: strings, numbers (invariant culture), booleans, characters and enum names.
    /// Anything else is refused, naming the label: a nested hashtable or an array would otherwise
    /// become the label value 'System.Collections.Hashtable'.
    /// </summary>
    public static string? ScalarText(string name, object? value, string what = "label")
    {
        var v = value is PSObject p ? p.BaseObject : value;
        return v switch
        {
            null => null,
            string s => s,
            IFormattable f when v.GetType().IsPrimitive || v is decimal || v is Enum => f.ToString(null, CultureInfo.InvariantCulture),
            bool or char => v.ToString(),
            _ => throw new ThanosLabException(ErrorKind.InvalidArgument, "LabelValueNotScalar",
                $"The {what} '{name}' has a value of type {v.GetType().FullName}; a label value is one string (or number), not a {(v is IDictionary ? "hashtable" : v is IEnumerable ? "list" : "object")}.",
                name, $"Give {what} '{name}' a single string value, such as @{{ {name} = 'eu1' }}."),
        };
    }

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
