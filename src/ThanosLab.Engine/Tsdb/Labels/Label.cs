namespace ThanosLab.Engine.Tsdb.Labels;

/// <summary>One label pair. Ordered by name, then value, in UTF-8 byte order, as everywhere in the TSDB format.</summary>
public readonly record struct Label(string Name, string Value) : IComparable<Label>
{
    public int CompareTo(Label other)
    {
        var c = Utf8ByteOrder.Compare(Name, other.Name);
        return c != 0 ? c : Utf8ByteOrder.Compare(Value, other.Value);
    }

    public override string ToString() => $"{Name}=\"{Value}\"";
}
