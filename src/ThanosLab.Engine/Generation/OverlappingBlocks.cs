using System.Globalization;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// Refuses planned blocks that would overlap a block of the same external labels: one already in the
/// output directory, or one planned earlier in the same run. Writing a plan again into the directory
/// that holds its blocks would otherwise add a second set that Prometheus must merge and a Thanos
/// compactor halts on once uploaded.
/// </summary>
public sealed class OverlappingBlocks
{
    private readonly record struct Known(string Name, LabelSet Labels, long MinTime, long MaxTime);

    private readonly List<Known> _known;
    private readonly string _directory;

    private OverlappingBlocks(string directory, List<Known> known)
    {
        _directory = directory;
        _known = known;
    }

    /// <summary>Starts from the readable blocks of <paramref name="directory"/>; none when it does not exist yet.</summary>
    public static OverlappingBlocks In(string directory)
    {
        var known = new List<Known>();
        if (Directory.Exists(directory))
        {
            try
            {
                foreach (var e in LocalBlockDirectory.List(directory).Where(e => e.State == LocalBlockState.Block))
                {
                    var meta = e.Meta!;
                    known.Add(new Known($"block {meta.Id}", meta.Thanos?.Labels ?? LabelSet.Empty, meta.MinTime, meta.MaxTime));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ThanosLabException(ErrorKind.ReadError, "OutputDirectoryReadFailed",
                    $"Cannot list the output directory '{directory}' to look for blocks the new ones would overlap: {e.Message}", directory, null, e);
            }
        }
        return new OverlappingBlocks(directory, known);
    }

    /// <summary>
    /// Takes <paramref name="spec"/> in when its block overlaps nothing known; otherwise refuses it,
    /// naming what it overlaps. <paramref name="name"/> names the plan in later refusals.
    /// </summary>
    public void Admit(BlockSpec spec, string name)
    {
        if (spec.WrittenRange is not var (min, max)) return;
        var overlapping = _known.Where(k => k.Labels.Equals(spec.ExternalLabels) && k.MinTime < max && min < k.MaxTime).ToList();
        if (overlapping.Count > 0)
        {
            var names = string.Join(", ", overlapping.Select(k => $"{k.Name} [{Time(k.MinTime)}, {Time(k.MaxTime)})"));
            throw new ThanosLabException(ErrorKind.ResourceExists, "OverlappingBlocks",
                $"The planned block [{Time(min)}, {Time(max)}) with labels {spec.ExternalLabels} overlaps {overlapping.Count} block(s) with the same labels in '{_directory}': {names}. " +
                "Prometheus would have to merge them, and a Thanos compactor halts on overlapping blocks once they are uploaded; the block was not written.",
                spec, "Write into another directory, remove the existing blocks or give each plan once; give -Force to write overlapping blocks on purpose.");
        }
        _known.Add(new Known($"the planned block {name} of this run", spec.ExternalLabels, min, max));
    }

    private static string Time(long ms) =>
        ms >= BlockSpec.EarliestTime && ms <= BlockSpec.LatestTime
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)
            : ms.ToString(CultureInfo.InvariantCulture);
}
