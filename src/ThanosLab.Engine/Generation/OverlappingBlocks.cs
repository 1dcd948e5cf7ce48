using System.Globalization;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// Blocks already in an output directory that a planned block would overlap: the same external labels
/// and intersecting time ranges. Writing a plan again into the directory that holds its blocks would
/// otherwise add a second set that Prometheus must merge and a Thanos compactor halts on once uploaded.
/// </summary>
public static class OverlappingBlocks
{
    /// <summary>The readable blocks of <paramref name="directory"/>; none when it does not exist yet.</summary>
    public static IReadOnlyList<BlockMeta> Existing(string directory)
    {
        if (!Directory.Exists(directory)) return Array.Empty<BlockMeta>();
        try
        {
            return LocalBlockDirectory.List(directory)
                .Where(e => e.State == LocalBlockState.Block)
                .Select(e => e.Meta!)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.ReadError, "OutputDirectoryReadFailed",
                $"Cannot list the output directory '{directory}' to look for blocks the new ones would overlap: {e.Message}", directory, null, e);
        }
    }

    /// <summary>Refuses <paramref name="spec"/> when its block would overlap one of <paramref name="existing"/> with the same labels, naming them.</summary>
    public static void EnsureNone(BlockSpec spec, IReadOnlyList<BlockMeta> existing, string directory)
    {
        if (spec.WrittenRange is not var (min, max)) return;
        var overlapping = existing
            .Where(b => (b.Thanos?.Labels ?? LabelSet.Empty).Equals(spec.ExternalLabels) && b.MinTime < max && min < b.MaxTime)
            .ToList();
        if (overlapping.Count == 0) return;
        var names = string.Join(", ", overlapping.Select(b => $"{b.Id} [{Time(b.MinTime)}, {Time(b.MaxTime)})"));
        throw new ThanosLabException(ErrorKind.ResourceExists, "OverlappingBlocks",
            $"The planned block [{Time(min)}, {Time(max)}) with labels {spec.ExternalLabels} overlaps {overlapping.Count} existing block(s) with the same labels in '{directory}': {names}. " +
            "Prometheus would have to merge them, and a Thanos compactor halts on overlapping blocks once they are uploaded; the block was not written.",
            spec, "Write into another directory or remove the existing blocks; give -Force to write overlapping blocks on purpose.");
    }

    private static string Time(long ms) =>
        ms >= BlockSpec.EarliestTime && ms <= BlockSpec.LatestTime
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)
            : ms.ToString(CultureInfo.InvariantCulture);
}
