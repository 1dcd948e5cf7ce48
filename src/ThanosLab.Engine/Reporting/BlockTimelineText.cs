using System.Globalization;

namespace ThanosLab.Engine.Reporting;

/// <summary>
/// Draws a <see cref="BlockTimeline"/> as lines of text for a terminal: one line per lane, one column
/// per slice of time. A column shows the highest compaction level it holds as the height of a Unicode
/// block (▂ level 1, ▄ 2, ▆ 3, █ 4 and up); an overlap outranks that as ▒ and a deletion mark as ░.
/// The lines after the lanes name the overlapping and marked blocks and those without a range.
/// </summary>
public static class BlockTimelineText
{
    /// <summary>The narrowest picture that still has a time axis worth reading.</summary>
    public const int MinWidth = 40;

    private static readonly char[] Levels = { '▂', '▄', '▆', '█' };

    public static IReadOnlyList<string> Render(BlockTimeline timeline, int width)
    {
        if (width < MinWidth)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "TimelineTooNarrow",
                $"A width of {width} columns is too narrow for the timeline; it needs at least {MinWidth}.", width,
                $"Give -Width {MinWidth} or more.");
        }
        var lines = new List<string>();
        var counts = timeline.Lanes.Select(l => l.Blocks.Count.ToString(CultureInfo.InvariantCulture)).ToArray();
        var countWidth = counts.Length == 0 ? 1 : counts.Max(c => c.Length);
        var gutter = Math.Min(timeline.Lanes.Count == 0 ? 10 : timeline.Lanes.Max(l => l.Name.Length), width / 3);
        var columns = width - gutter - countWidth - 4;
        var span = timeline.End - timeline.Start;
        var (start, end) = (Date(timeline.Start), Date(timeline.End));
        if (start.Length + end.Length + 1 > columns) (start, end) = (start[..10], end[..10]);
        lines.Add(Fit($"{timeline.BlockCount} block(s) of {timeline.Title}", width));
        if (timeline.Lanes.Count > 0)
        {
            var axis = start + new string(' ', Math.Max(1, columns - start.Length - end.Length)) + end;
            lines.Add(Fit(new string(' ', gutter + 2) + axis, width));
            lines.Add($"{new string(' ', gutter + 2)}1 column = {Slice(span / (double)columns)}");
        }

        var overlapping = timeline.Overlaps.SelectMany(g => g).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < timeline.Lanes.Count; i++)
        {
            var lane = timeline.Lanes[i];
            var cells = new char[columns];
            Array.Fill(cells, ' ');
            var rank = new int[columns];
            foreach (var block in lane.Blocks)
            {
                var first = Column(block.MinTime!.Value, timeline, columns);
                var last = Math.Max(first, Column(block.MaxTime!.Value - 1, timeline, columns));
                var r = overlapping.Contains(block.Id) ? 6 : block.DeletionMarked ? 5 : Math.Clamp(block.Level, 1, 4);
                for (var c = first; c <= last; c++)
                {
                    if (r <= rank[c]) continue;
                    rank[c] = r;
                    cells[c] = r switch { 6 => '▒', 5 => '░', _ => Levels[r - 1] };
                }
            }
            lines.Add($"{Fit(lane.Name, gutter).PadRight(gutter)} │{new string(cells)}│ {counts[i].PadLeft(countWidth)}");
        }

        foreach (var group in timeline.Overlaps)
        {
            lines.Add(Fit($"▒ overlap: {string.Join(", ", group)}", width));
        }
        var all = timeline.Lanes.SelectMany(l => l.Blocks).Concat(timeline.Unplaced).ToArray();
        AddList(lines, "░ deletion-marked", all.Where(b => b.DeletionMarked), width);
        AddList(lines, "no-compact-marked", all.Where(b => b.NoCompactMarked), width);
        AddList(lines, "no-downsample-marked", all.Where(b => b.NoDownsampleMarked), width);
        AddList(lines, "partial upload (no meta.json)", timeline.Unplaced.Where(b => b.IsPartial), width);
        AddList(lines, "meta.json does not read", timeline.Unplaced.Where(b => !b.IsPartial), width);
        foreach (var finding in timeline.Findings)
        {
            lines.Add(Fit($"! {finding.Kind}: {string.Join(", ", finding.Blocks)}", width));
        }
        return lines;
    }

    private static void AddList(List<string> lines, string what, IEnumerable<TimelineBlock> blocks, int width)
    {
        var ids = blocks.Select(b => b.Id).ToArray();
        if (ids.Length > 0) lines.Add(Fit($"{what}: {string.Join(", ", ids)}", width));
    }

    private static int Column(long time, BlockTimeline timeline, int columns) =>
        (int)Math.Clamp((time - timeline.Start) * (double)columns / (timeline.End - timeline.Start), 0, columns - 1);

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    private static string Date(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Slice(double ms)
    {
        var t = TimeSpan.FromMilliseconds(ms);
        return t.TotalDays >= 1 ? $"{t.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} d"
            : t.TotalHours >= 1 ? $"{t.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h"
            : $"{t.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min";
    }
}
