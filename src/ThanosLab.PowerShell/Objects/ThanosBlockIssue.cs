using ThanosLab.Engine.Tsdb;

namespace ThanosLab;

/// <summary>One problem Test-ThanosBlock found: the file in the block, the offset and/or series, and what is wrong.</summary>
public sealed class ThanosBlockIssue
{
    /// <summary>The file relative to the block directory: index, chunks/000001, meta.json, tombstones …</summary>
    public string File { get; set; } = "";

    /// <summary>Byte offset in <see cref="File"/>, when the problem has one.</summary>
    public long? Offset { get; set; }

    /// <summary>The series' labels, when the problem belongs to one series.</summary>
    public string? Series { get; set; }

    public string Message { get; set; } = "";

    internal static ThanosBlockIssue From(BlockIssue issue) => new()
    {
        File = issue.File,
        Offset = issue.Offset,
        Series = issue.Series,
        Message = issue.Message,
    };

    public override string ToString()
    {
        var where = File;
        if (Offset is { } o) where += $" at offset {o}";
        if (Series is { } s) where += $" (series {s})";
        return $"{where}: {Message}";
    }
}
