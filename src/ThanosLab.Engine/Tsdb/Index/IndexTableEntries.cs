namespace ThanosLab.Engine.Tsdb.Index;

/// <summary>An entry of the label offset table (formats.md §7.6): where a label name's label index starts.</summary>
public readonly record struct LabelIndexOffset(string Name, long Offset);

/// <summary>An entry of the postings offset table (formats.md §7.7): where the postings list of name=value starts.</summary>
public readonly record struct PostingsOffset(string Name, string Value, long Offset);
