namespace ThanosLab.Engine.Tsdb.Index;

/// <summary>The index TOC (formats.md §7.8), in the TOC's field order.</summary>
public sealed record IndexToc(long Symbols, long Series, long LabelIndices, long LabelOffsetTable, long Postings, long PostingsOffsetTable)
{
    /// <summary>The TOC's size at the end of the file: six be64 offsets and a be32 CRC.</summary>
    public const int Size = 6 * 8 + 4;
}
