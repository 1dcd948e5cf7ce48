using System.Text;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Objstore;
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

    /// <summary>The newest <paramref name="count"/> blocks of continuous-30d-tiny (2 h each, no gaps to fill), the others not written.</summary>
    public static IReadOnlyList<GeneratedBlock> GenerateNewest(string dataDirectory, int count)
    {
        var blocks = Generate(dataDirectory).TakeLast(count).ToArray();
        foreach (var extra in Directory.GetDirectories(dataDirectory).Where(d => blocks.All(b => b.Path != d))) Directory.Delete(extra, true);
        return blocks;
    }

    /// <summary>Uploads every block of <paramref name="dataDirectory"/> as Publish-ThanosBlock does, with the external label cluster=<paramref name="cluster"/>.</summary>
    public static async Task UploadAsync(IBucket bucket, string dataDirectory, string cluster)
    {
        var uploader = new BlockUploader(bucket, new UploadOptions { ExternalLabels = Labels(("cluster", cluster)) });
        var plan = await uploader.PlanAsync(dataDirectory, null, default);
        await uploader.UploadAsync(plan, plan.ToUpload.ToList(), null, default);
    }

    /// <summary>Rewrites a local block's meta.json (as Prometheus would write it).</summary>
    public static void RewriteMeta(string blockPath, Func<BlockMeta, BlockMeta> change)
    {
        var path = Path.Combine(blockPath, BlockMetaJson.FileName);
        File.WriteAllText(path, BlockMetaJson.ToPrometheusJson(change(BlockMetaJson.ReadFile(path))), new UTF8Encoding(false));
    }
}
