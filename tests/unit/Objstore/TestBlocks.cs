using System.Text;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Tests.Objstore;

/// <summary>Real generated blocks for the bucket tests, and ways to rewrite their local meta.json.</summary>
public static class TestBlocks
{
    public static readonly DateTimeOffset NewYear = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static LabelSet Labels(params (string Name, string Value)[] labels) => LabelSet.Create(labels.Select(l => new Label(l.Name, l.Value)));

    /// <summary>continuous-30d-tiny (9 blocks, 5 series each) written into <paramref name="dataDirectory"/>, oldest first.</summary>
    public static IReadOnlyList<GeneratedBlock> Generate(string dataDirectory, LabelSet? labels = null, string profile = "continuous-30d-tiny")
    {
        Directory.CreateDirectory(dataDirectory);
        return BlockPlanner.Plan(ThanosbenchProfiles.Get(profile), labels ?? Labels(("cluster", "one")), NewYear)
            .Select(spec => BlockGenerator.Generate(spec, dataDirectory))
            .OrderBy(b => b.Meta.MinTime)
            .ToArray();
    }

    /// <summary>Rewrites a local block's meta.json (as Prometheus would write it).</summary>
    public static void RewriteMeta(string blockPath, Func<BlockMeta, BlockMeta> change)
    {
        var path = Path.Combine(blockPath, BlockMetaJson.FileName);
        File.WriteAllText(path, BlockMetaJson.ToPrometheusJson(change(BlockMetaJson.ReadFile(path))), new UTF8Encoding(false));
    }
}
