namespace ThanosLab.Engine.Tsdb.Labels;

/// <summary>One label pair. Ordering is ordinal (byte-wise on UTF-8), as everywhere in the TSDB format.</summary>
public readonly record struct Label(string Name, string Value) : IComparable<Label>
{
    public int CompareTo(Label other)
    {
        var c = string.CompareOrdinal(Name, other.Name);
        return c != 0 ? c : string.CompareOrdinal(Value, other.Value);
    }

    public override string ToString() => $"{Name}=\"{Value}\"";
}
