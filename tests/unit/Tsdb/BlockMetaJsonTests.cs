using System.Text;
using ThanosLab.Engine;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

public class BlockMetaJsonTests
{
    private static readonly Ulid Id = Ulid.Parse("01HK2M7J3QW8D5T1X0ZC9B6N4E");

    // formats.md §9, "Bucket-uploaded block": the thanosbench block 0 of §18 after upload-blocks.
    private const string UploadedExample = "{\n\t\"ulid\": \"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\n\t\"minTime\": 1704067215001,\n\t\"maxTime\": 1704074400002,\n\t\"stats\": {\n\t\t\"numSamples\": 2400,\n\t\t\"numSeries\": 5,\n\t\t\"numChunks\": 25\n\t},\n\t\"compaction\": {\n\t\t\"level\": 1,\n\t\t\"sources\": [\n\t\t\t\"01HK2M7J3QW8D5T1X0ZC9B6N4E\"\n\t\t]\n\t},\n\t\"version\": 1,\n\t\"thanos\": {\n\t\t\"labels\": {\n\t\t\t\"cluster\": \"one\"\n\t\t},\n\t\t\"downsample\": {\n\t\t\t\"resolution\": 0\n\t\t},\n\t\t\"source\": \"bucket.upload\",\n\t\t\"segment_files\": [\n\t\t\t\"000001\"\n\t\t],\n\t\t\"files\": [\n\t\t\t{\n\t\t\t\t\"rel_path\": \"chunks/000001\",\n\t\t\t\t\"size_bytes\": 1242\n\t\t\t},\n\t\t\t{\n\t\t\t\t\"rel_path\": \"index\",\n\t\t\t\t\"size_bytes\": 932\n\t\t\t},\n\t\t\t{\n\t\t\t\t\"rel_path\": \"meta.json\"\n\t\t\t}\n\t\t],\n\t\t\"index_stats\": {},\n\t\t\"upload_time\": \"2024-01-01T03:00:00.5Z\"\n\t}\n}\n";

    private static BlockMeta Block0(ThanosMeta? thanos) =>
        new(Id, 1704067215001, 1704074400002, new BlockStats(2400, 5, 25), new BlockCompaction(1, new[] { Id })) { Thanos = thanos };

    private static readonly LabelSet One = LabelSet.Create(new[] { new Label("cluster", "one") });

    [Fact]
    public void WritesTheUploadedExampleByteForByte()
    {
        var thanos = new ThanosMeta(One, 0, "bucket.upload")
        {
            SegmentFiles = new[] { "000001" },
            Files = new[] { new ThanosFile("meta.json", null), new ThanosFile("index", 932), new ThanosFile("chunks/000001", 1242) },
            IndexStats = (0, 0),
            UploadTime = "2024-01-01T03:00:00.5Z",
        };
        Assert.Equal(UploadedExample, BlockMetaJson.ToThanosJson(Block0(thanos)));
    }

    [Fact]
    public void WritesThanosbenchsLocalSectionAndPrometheusShape()
    {
        var json = BlockMetaJson.ToThanosJson(Block0(new ThanosMeta(One, 0, "blockgen")));
        Assert.EndsWith("\t\"version\": 1,\n\t\"thanos\": {\n\t\t\"labels\": {\n\t\t\t\"cluster\": \"one\"\n\t\t},\n\t\t\"downsample\": {\n\t\t\t\"resolution\": 0\n\t\t},\n\t\t\"source\": \"blockgen\"\n\t}\n}\n", json);
        var prom = BlockMetaJson.ToPrometheusJson(Block0(null));
        Assert.EndsWith("\t\"version\": 1\n}", prom);
    }

    [Fact]
    public void RoundTripsTheUploadedExample()
    {
        var meta = BlockMetaJson.Parse(Encoding.UTF8.GetBytes(UploadedExample), "test");
        Assert.Equal(UploadedExample, BlockMetaJson.ToThanosJson(meta));
        Assert.Equal("one", meta.Thanos!.Labels.Get("cluster"));
        Assert.Equal(932, meta.Thanos.Files.Single(f => f.RelPath == "index").SizeBytes);
    }

    [Fact]
    public void EscapesLikeGo()
    {
        var labels = LabelSet.Create(new[] { new Label("team", "a<b>&c") });
        var json = BlockMetaJson.ToThanosJson(Block0(new ThanosMeta(labels, 0, "test")));
        Assert.Contains("\"team\": \"a\\u003cb\\u003e\\u0026c\"", json);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"ulid\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"minTime\":1,\"maxTime\":2,\"version\":2}", "version 2")]
    [InlineData("{\"ulid\":\"../../etc/passwd\",\"minTime\":1,\"maxTime\":2,\"version\":1}", "not a ULID")]
    [InlineData("{\"ulid\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"minTime\":\"x\",\"maxTime\":2,\"version\":1}", "minTime")]
    public void CorruptMetaIsAClearError(string json, string mention)
    {
        var e = Assert.Throws<ThanosLabException>(() => BlockMetaJson.Parse(Encoding.UTF8.GetBytes(json), "'b/meta.json'"));
        Assert.Equal("InvalidBlockMeta", e.ErrorId);
        Assert.Contains(mention, e.Message);
        Assert.Contains("b/meta.json", e.Message);
    }
}
