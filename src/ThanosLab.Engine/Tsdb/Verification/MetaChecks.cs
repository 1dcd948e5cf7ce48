using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Tsdb.Verification;

/// <summary>
/// meta.json's checks: that it reads (as strictly as Prometheus and Thanos), names its own directory,
/// has a range, level, sources and resolution a writer produces, and, once the index and chunks are
/// read, states the series, chunk and sample counts the content really has.
/// </summary>
internal static class MetaChecks
{
    public static void Verify(VerificationRun run)
    {
        var file = System.IO.Path.Combine(run.Path, BlockMetaJson.FileName);
        if (!File.Exists(file))
        {
            run.Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, "meta.json is missing (Prometheus and Thanos skip such a directory)"));
            return;
        }
        try
        {
            run.Meta = BlockMetaJson.ReadFile(file);
        }
        catch (ThanosLabException e)
        {
            run.Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, e.Message));
            return;
        }
        var name = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(run.Path));
        if (!string.Equals(name, run.Meta.Id, StringComparison.OrdinalIgnoreCase))
        {
            run.Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, $"ulid {run.Meta.Id} differs from the directory name '{name}'"));
        }
        if (run.Meta.MinTime >= run.Meta.MaxTime)
        {
            run.Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, $"minTime {run.Meta.MinTime} is not before maxTime {run.Meta.MaxTime} (maxTime is exclusive)"));
        }
        if (run.Meta.Compaction.Level < 1)
        {
            run.Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, $"compaction.level {run.Meta.Compaction.Level} is below 1, the level of every block Prometheus cuts or a generator writes"));
        }
        if (run.Meta.Compaction.Sources.Count == 0)
        {
            // Thanos' compactor and the shipper's overlap check read the sources.
            run.Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, "compaction.sources is empty; every block lists the blocks it was made from (a level-1 block its own ULID)"));
        }
        if (run.Meta.Thanos?.DownsampleResolution is { } resolution && resolution is not (0 or 300_000 or 3_600_000))
        {
            run.Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null,
                $"thanos.downsample.resolution {resolution} is not 0 (raw), 300000 (5m) or 3600000 (1h), the resolutions Thanos writes ('thanos tools bucket inspect' fails on others)"));
        }
    }

    public static void VerifyStats(VerificationRun run)
    {
        if (run.Meta is null)
        {
            return;
        }
        var s = run.Meta.Stats;
        if (s.NumSeries != (ulong)run.Series)
        {
            run.Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, $"stats.numSeries is {s.NumSeries} but the index holds {run.Series} series"));
        }
        if (s.NumChunks != (ulong)run.Chunks)
        {
            run.Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, $"stats.numChunks is {s.NumChunks} but the series reference {run.Chunks} chunks"));
        }
        if (run.ChunksComplete && s.NumSamples != (ulong)run.Samples)
        {
            run.Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, $"stats.numSamples is {s.NumSamples} but the chunks hold {run.Samples} samples"));
        }
    }
}
