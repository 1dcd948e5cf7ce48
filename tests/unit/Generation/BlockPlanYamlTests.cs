using ThanosLab.Engine;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb.Labels;
using Xunit;

namespace ThanosLab.Tests.Generation;

public class BlockPlanYamlTests
{
    private static IReadOnlyList<BlockSpec> Plan(string profile = "continuous-365d-tiny") =>
        BlockPlanner.Plan(ThanosbenchProfiles.Get(profile), LabelSet.Create(new[] { new Label("cluster", "one") }),
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void FirstDocumentIsWhatThanosbenchPrints()
    {
        var yaml = BlockPlanYaml.ToYaml(Plan().Take(1));
        const string expected = """
            meta:
              blockmeta:
                ulid: "00000000000000000000000000"
                mintime: 1704067200001
                maxtime: 1704074400000
                stats:
                  numsamples: 0
                  numseries: 0
                  numchunks: 0
                  numtombstones: 0
                compaction:
                  level: 1
                  sources: []
                  deletable: false
                  parents: []
                  failed: false
                version: 1
              thanos:
                version: 0
                labels:
                  cluster: one
                downsample:
                  resolution: 0
                source: blockgen
                segmentfiles: []
                files: []
                rewrites: []
            series:
            - labels:
                __name__: continuous_app_metric0
              targets: 1
              type: GAUGE
              mintime: 1704067200001
              maxtime: 1704074400000
              jitter: 3e+07
              scrapeInterval: 15s
              changeInterval: 1h0m0s
              max: 2e+08
              min: 1e+07

            """;
        Assert.StartsWith(expected.Replace("\r\n", "\n"), yaml);
    }

    [Fact]
    public void RoundTripsEveryProfile()
    {
        foreach (var p in ThanosbenchProfiles.Names)
        {
            var plan = Plan(p);
            var back = BlockPlanYaml.Read(new StringReader(BlockPlanYaml.ToYaml(plan)), p);
            Assert.Equal(plan.Count, back.Count);
            for (var i = 0; i < plan.Count; i++)
            {
                Assert.Equal(plan[i].MinTime, back[i].MinTime);
                Assert.Equal(plan[i].MaxTime, back[i].MaxTime);
                Assert.Equal(plan[i].ExternalLabels, back[i].ExternalLabels);
                Assert.Equal(plan[i].Series, back[i].Series, (a, b) => a.Labels.Equals(b.Labels) && a with { Labels = b.Labels } == b);
            }
        }
    }

    [Fact]
    public void EmptyExternalLabelsAreAnEmptyMap()
    {
        var plan = BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-30d-tiny"), LabelSet.Empty, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Contains("    labels: {}\n", BlockPlanYaml.ToYaml(plan));
    }

    [Fact]
    public void UnknownKeysAreRejectedWithTheKeyAndLine()
    {
        var yaml = BlockPlanYaml.ToYaml(Plan().Take(1)).Replace("  targets: 1\n", "  targets: 1\n  tagrets: 2\n");
        var e = Assert.Throws<ThanosLabException>(() => BlockPlanYaml.Read(new StringReader(yaml), "'plan.yaml'"));
        Assert.Equal("InvalidBlockPlan", e.ErrorId);
        Assert.Contains("'tagrets'", e.Message);
        Assert.Contains("plan.yaml", e.Message);
        Assert.Contains("line 32", e.Message);
    }

    [Theory]
    [InlineData("  type: GAUGE\n", "  type: SAWTOOTH\n", "SAWTOOTH")]
    [InlineData("  scrapeInterval: 15s\n", "  scrapeInterval: fast\n", "fast")]
    [InlineData("  scrapeInterval: 15s\n", "  scrapeInterval: 0s\n", "scrape interval")]
    [InlineData("  targets: 1\n", "  targets: 0\n", "target count 0")]
    [InlineData("    mintime: 1704067200001\n", "    mintime: soon\n", "soon")]
    public void BadValuesAreRejectedByName(string from, string to, string mention)
    {
        var yaml = BlockPlanYaml.ToYaml(Plan().Take(1));
        Assert.Contains(from, yaml);
        var e = Assert.Throws<ThanosLabException>(() => BlockPlanYaml.Read(new StringReader(yaml.Replace(from, to)), "x"));
        Assert.Contains(mention, e.Message);
    }

    [Fact]
    public void MalformedYamlIsAClearError()
    {
        var e = Assert.Throws<ThanosLabException>(() => BlockPlanYaml.Read(new StringReader("meta: [\n"), "'bad.yaml'"));
        Assert.Equal("InvalidBlockPlan", e.ErrorId);
        Assert.Contains("not valid YAML", e.Message);
    }

    [Theory]
    [InlineData(63, "InvalidBlockPlan")]
    [InlineData(64, "InvalidBlockPlan")]
    [InlineData(65, "YamlNestedTooDeep")]
    public void NestingIsReadUpToSixtyFourLevels(int depth, string errorId)
    {
        // The top-level mapping is one level, the lists the rest.
        var yaml = "series: " + new string('[', depth - 1) + new string(']', depth - 1) + "\n";
        var e = Assert.Throws<ThanosLabException>(() => BlockPlanYaml.Read(new StringReader(yaml), "'deep.yaml'"));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains("'deep.yaml'", e.Message);
    }

    [Fact]
    public void EveryYamlReaderRefusesDeepNesting()
    {
        var deep = new string('[', 100) + new string(']', 100);
        Assert.Equal("YamlNestedTooDeep", Assert.Throws<ThanosLabException>(() => ThanosLab.Engine.Objstore.ObjstoreConfigYaml.Parse("type: S3\nconfig: " + deep, "b.yaml")).ErrorId);
        Assert.Equal("YamlNestedTooDeep", Assert.Throws<ThanosLabException>(() => ThanosLab.Engine.Prometheus.PrometheusConfigYaml.Parse("scrape_configs: " + deep, "p.yml")).ErrorId);
        Assert.Equal("YamlNestedTooDeep", Assert.Throws<ThanosLabException>(() => ThanosLab.Engine.Yaml.YamlTopLevelKeys.Read("global: " + deep, "c.yml")).ErrorId);
    }
}
