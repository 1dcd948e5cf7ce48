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
            var value = (e.Value is PSObject pv ? pv.BaseObject : e.Value)?.ToString();
            labels.Add(new Label(name, value!));
        }
        return LabelSet.Create(labels, what);
    }

    /// <summary>An ordered dictionary, sorted by name, so output shows labels in Prometheus order.</summary>
    public static OrderedDictionary ToDictionary(IEnumerable<Label> labels)
    {
        var d = new OrderedDictionary(StringComparer.Ordinal);
        foreach (var l in labels.OrderBy(l => l.Name, StringComparer.Ordinal)) d[l.Name] = l.Value;
        return d;
    }

    /// <summary>The Prometheus text form, <c>{a="1", b="2"}</c>, used by format views.</summary>
    public static string Format(IDictionary? labels) =>
        labels is null ? "{}" : LabelSet.Create(labels.Keys.Cast<object>().Select(k => new Label(k.ToString()!, labels[k]?.ToString() ?? ""))).ToString();
}
