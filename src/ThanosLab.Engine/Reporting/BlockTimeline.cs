using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Objstore.Doctor;

namespace ThanosLab.Engine.Reporting;

/// <summary>
/// The picture of a bucket or data directory over time: one lane per stream and resolution, the blocks
/// without a range (partial uploads, unreadable meta.json) aside, the overlapping groups as the
/// doctor's <see cref="OverlapCheck"/> finds them, and any doctor findings, each attached to its blocks.
/// </summary>
public sealed class BlockTimeline
{
    private BlockTimeline(string title, IReadOnlyList<TimelineLane> lanes, IReadOnlyList<TimelineBlock> unplaced,
        IReadOnlyList<IReadOnlyList<string>> overlaps, IReadOnlyList<BucketFinding> findings)
    {
        Title = title;
        Lanes = lanes;
        Unplaced = unplaced;
        Overlaps = overlaps;
        Findings = findings;
        // Blocks without a range do not stretch the axis: a partial upload's ULID time is when it was
        // written, not what data it holds.
        var placed = lanes.SelectMany(l => l.Blocks).ToArray();
        Start = placed.Length > 0 ? placed.Min(b => b.MinTime!.Value) : 0;
        End = placed.Length > 0 ? Math.Max(placed.Max(b => b.MaxTime!.Value), Start + 1) : 1;
    }

    /// <summary>What the picture is of (a bucket's location or a directory), shown as its heading.</summary>
    public string Title { get; }

    /// <summary>Lanes ordered by external labels, then resolution (raw, 5m, 1h).</summary>
    public IReadOnlyList<TimelineLane> Lanes { get; }

    /// <summary>Blocks without a readable meta.json: no range, so they are drawn beside the timeline, not on it.</summary>
    public IReadOnlyList<TimelineBlock> Unplaced { get; }

    /// <summary>Each group of overlapping block ids of one stream.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Overlaps { get; }

    public IReadOnlyList<BucketFinding> Findings { get; }

    /// <summary>First millisecond of the earliest block (Unix ms).</summary>
    public long Start { get; }

    /// <summary>End of the latest block (Unix ms, exclusive).</summary>
    public long End { get; }

    public int BlockCount => Lanes.Sum(l => l.Blocks.Count) + Unplaced.Count;

    /// <summary>
    /// From a doctor's survey of a bucket: overlaps as the compactor sees them (deletion marks' ages
    /// counted). <paramref name="check"/> adds every finding of the doctor's checks to <paramref name="findings"/>.
    /// </summary>
    public static BlockTimeline FromSurvey(string title, BucketSurvey survey, IEnumerable<BucketFinding> findings, bool check) =>
        Create(title, survey.Blocks.Select(TimelineBlock.From).ToArray(), survey, findings, check);

    /// <summary>
    /// From blocks listed elsewhere (a data directory, Get-ThanosBlock's objects). Their deletion marks'
    /// ages are unknown, so a deletion-marked block counts as a freshly marked one does; the doctor's
    /// checks (<paramref name="check"/>) see only the blocks with a range.
    /// </summary>
    /// <param name="title">What the picture is of; null names the directories or bucket prefixes that hold the blocks.</param>
    public static BlockTimeline FromBlocks(string? title, IEnumerable<TimelineBlock> blocks, IEnumerable<BucketFinding> findings, bool check, DateTimeOffset now)
    {
        var distinct = blocks.GroupBy(b => b.Id, StringComparer.Ordinal).Select(g => g.First()).ToArray();
        var survey = new BucketSurvey(distinct.Select(b => b.ToBucketBlock()).OfType<BucketBlock>().ToArray(),
            new Dictionary<string, BlockMark>(), new Dictionary<string, ThanosLabException>(), now, BucketSurvey.DefaultDeleteDelay);
        title ??= distinct.Select(b => b.Place).OfType<string>().Distinct(StringComparer.Ordinal).ToArray() is { Length: > 0 } places
            ? string.Join(", ", places)
            : $"{distinct.Length} block(s)";
        return Create(title, distinct, survey, findings, check);
    }

    private static BlockTimeline Create(string title, IReadOnlyList<TimelineBlock> blocks, BucketSurvey survey, IEnumerable<BucketFinding> findings, bool check)
    {
        var lanes = blocks.Where(b => b.HasRange)
            .GroupBy(b => b.Stream)
            .OrderBy(g => g.Key.Labels)
            .ThenBy(g => g.Key.Resolution)
            .Select(g => new TimelineLane(g.Key, g.OrderBy(b => b.MinTime).ThenBy(b => b.Id, StringComparer.Ordinal).ToArray()))
            .ToArray();
        var unplaced = blocks.Where(b => !b.HasRange).OrderBy(b => b.Id, StringComparer.Ordinal).ToArray();
        var overlaps = new OverlapCheck().Check(survey).Select(f => f.Blocks).ToArray();
        var given = findings.ToList();
        if (check)
        {
            // Test-ThanosBucket's findings piped in and -Check find the same problems: each is drawn once.
            var seen = given.Select(Key).ToHashSet(StringComparer.Ordinal);
            given.AddRange(BucketDoctor.Checks.SelectMany(c => c.Check(survey)).Where(f => seen.Add(Key(f))));
        }
        return new BlockTimeline(title, lanes, unplaced, overlaps, given);
    }

    private static string Key(BucketFinding finding) => finding.Kind + ":" + string.Join(",", finding.Blocks);
}
