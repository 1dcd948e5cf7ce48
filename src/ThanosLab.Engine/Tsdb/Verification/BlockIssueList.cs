using System.Collections.ObjectModel;

namespace ThanosLab.Engine.Tsdb.Verification;

/// <summary>Keeps the first <see cref="BlockVerifier.MaxIssues"/> issues of a block and a count of the rest.</summary>
internal sealed class BlockIssueList : Collection<BlockIssue>
{
    private int _dropped;

    protected override void InsertItem(int index, BlockIssue item)
    {
        if (Count < BlockVerifier.MaxIssues)
        {
            base.InsertItem(index, item);
        }
        else
        {
            _dropped++;
        }
    }

    public BlockIssue[] ToArray()
    {
        var all = this.ToList();
        if (_dropped > 0)
        {
            all.Add(new BlockIssue(".", null, null, $"{_dropped} more issues were found and not listed"));
        }
        return all.ToArray();
    }
}
