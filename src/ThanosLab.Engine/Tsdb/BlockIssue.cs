namespace ThanosLab.Engine.Tsdb;

/// <summary>
/// One thing wrong with a block: the file relative to the block directory (<c>index</c>,
/// <c>chunks/000001</c>, <c>meta.json</c> …), the byte offset in it and/or the series it concerns
/// when known, and what is wrong.
/// </summary>
public sealed record BlockIssue(string File, long? Offset, string? Series, string Message)
{
    public override string ToString()
    {
        var where = File;
        if (Offset is { } o) where += $" at offset {o}";
        if (Series is { } s) where += $" (series {s})";
        return $"{where}: {Message}";
    }

    /// <summary>The issue as the exception a reader throws when it meets corrupt data.</summary>
    public ThanosLabException ToException(string blockPath) =>
        new(ErrorKind.InvalidData, "CorruptBlock", $"The block '{blockPath}' is corrupt: {this}.", blockPath,
            "Run Test-ThanosBlock on the block for a full list of problems; regenerate or re-download it.");
}
