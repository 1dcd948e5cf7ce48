using System.Collections.ObjectModel;

namespace ThanosLab.Engine.Tsdb;

/// <summary>
/// The issue collection of a strict reader: the first issue a format reader reports is thrown as a
/// <see cref="ThanosLabException"/> instead of being collected.
/// </summary>
internal sealed class StrictIssueList : Collection<BlockIssue>
{
    private readonly string _blockPath;

    public StrictIssueList(string blockPath) => _blockPath = blockPath;

    protected override void InsertItem(int index, BlockIssue item) => throw item.ToException(_blockPath);
}
