using System.Collections;
using System.Text;

namespace ThanosLab.Engine.Tsdb.Labels;

/// <summary>
/// An immutable label set sorted by name with unique names; the identity of a series and the
/// external labels of a block.
/// </summary>
public sealed class LabelSet : IReadOnlyList<Label>, IEquatable<LabelSet>, IComparable<LabelSet>
{
    public static readonly LabelSet Empty = new(Array.Empty<Label>());

    private readonly Label[] _labels;

    private LabelSet(Label[] sortedUnique) => _labels = sortedUnique;

    /// <summary>Builds a set sorted in UTF-8 byte order, rejecting invalid or duplicate names.</summary>
    public static LabelSet Create(IEnumerable<Label> labels, string what = "label")
    {
        var arr = labels.ToArray();
        foreach (var l in arr)
        {
            LabelNameRules.Validate(l.Name, what);
            LabelNameRules.ValidateValue(l.Name, l.Value, what);
        }
        Array.Sort(arr, (a, b) => Utf8ByteOrder.Compare(a.Name, b.Name));
        for (var i = 1; i < arr.Length; i++)
        {
            if (arr[i].Name == arr[i - 1].Name)
            {
                throw new ThanosLabException(ErrorKind.InvalidArgument, "DuplicateLabelName",
                    $"The {what} name '{arr[i].Name}' is given more than once; each name may appear once.", arr[i].Name);
            }
        }
        return new LabelSet(arr);
    }

    public static LabelSet FromDictionary(IEnumerable<KeyValuePair<string, string>> pairs, string what = "label") =>
        Create(pairs.Select(p => new Label(p.Key, p.Value)), what);

    /// <summary>For labels read from trusted, already sorted sources (our own writer's output).</summary>
    internal static LabelSet FromSorted(Label[] sorted) => new(sorted);

    public int Count => _labels.Length;

    public Label this[int index] => _labels[index];

    public string? Get(string name)
    {
        foreach (var l in _labels)
        {
            if (l.Name == name)
            {
                return l.Value;
            }
        }
        return null;
    }

    /// <summary>A new set with <paramref name="other"/>'s labels added or replacing ours.</summary>
    public LabelSet Merge(LabelSet other)
    {
        var d = new SortedDictionary<string, string>(Utf8ByteOrder.Instance);
        foreach (var l in _labels) d[l.Name] = l.Value;
        foreach (var l in other) d[l.Name] = l.Value;
        return new LabelSet(d.Select(p => new Label(p.Key, p.Value)).ToArray());
    }

    public IReadOnlyDictionary<string, string> ToDictionary()
    {
        var d = new SortedDictionary<string, string>(Utf8ByteOrder.Instance);
        foreach (var l in _labels) d[l.Name] = l.Value;
        return d;
    }

    public IEnumerator<Label> GetEnumerator() => ((IEnumerable<Label>)_labels).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _labels.GetEnumerator();

    /// <summary>Prometheus' series order: label by label, name then value; a prefix sorts first.</summary>
    public int CompareTo(LabelSet? other)
    {
        if (other is null) return 1;
        var n = Math.Min(_labels.Length, other._labels.Length);
        for (var i = 0; i < n; i++)
        {
            var c = _labels[i].CompareTo(other._labels[i]);
            if (c != 0) return c;
        }
        return _labels.Length.CompareTo(other._labels.Length);
    }

    public bool Equals(LabelSet? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is LabelSet s && Equals(s);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var l in _labels) h.Add(l);
        return h.ToHashCode();
    }

    public override string ToString()
    {
        var sb = new StringBuilder("{");
        for (var i = 0; i < _labels.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(_labels[i].Name).Append("=\"").Append(_labels[i].Value.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
        }
        return sb.Append('}').ToString();
    }
}
