using System.Text;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;
using Xunit;

namespace ThanosLab.Tests.Objstore;

public class UploadMetaTests
{
    // formats.md §9: thanosbench block 0 as `block gen` writes it locally.
    private const string LocalMeta = "{\n\t\"ulid\": \"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\n\t\"minTime\": 1704067215001,\n\t\"maxTime\": 1704074400002,\n\t\"stats\": {\n\t\t\"numSamples\": 2400,\n\t\t\"numSeries\": 5,\n\t\t\"numChunks\": 25\n\t},\n\t\"compaction\": {\n\t\t\"level\": 1,\n\t\t\"sources\": [\n\t\t\t\"01HK2M7J3QW8D5T1X0ZC9B6N4E\"\n\t\t]\n\t},\n\t\"version\": 1,\n\t\"thanos\": {\n\t\t\"labels\": {\n\t\t\t\"cluster\": \"one\"\n\t\t},\n\t\t\"downsample\": {\n\t\t\t\"resolution\": 0\n\t\t},\n\t\t\"source\": \"blockgen\"\n\t}\n}";

    // formats.md §9: the same block after `thanos tools bucket upload-blocks` (Thanos ≥0.40).
    private const string UploadedMeta = "{\n\t\"ulid\": \"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\n\t\"minTime\": 1704067215001,\n\t\"maxTime\": 1704074400002,\n\t\"stats\": {\n\t\t\"numSamples\": 2400,\n\t\t\"numSeries\": 5,\n\t\t\"numChunks\": 25\n\t},\n\t\"compaction\": {\n\t\t\"level\": 1,\n\t\t\"sources\": [\n\t\t\t\"01HK2M7J3QW8D5T1X0ZC9B6N4E\"\n\t\t]\n\t},\n\t\"version\": 1,\n\t\"thanos\": {\n\t\t\"labels\": {\n\t\t\t\"cluster\": \"one\"\n\t\t},\n\t\t\"downsample\": {\n\t\t\t\"resolution\": 0\n\t\t},\n\t\t\"source\": \"bucket.upload\",\n\t\t\"segment_files\": [\n\t\t\t\"000001\"\n\t\t],\n\t\t\"files\": [\n\t\t\t{\n\t\t\t\t\"rel_path\": \"chunks/000001\",\n\t\t\t\t\"size_bytes\": 1242\n\t\t\t},\n\t\t\t{\n\t\t\t\t\"rel_path\": \"index\",\n\t\t\t\t\"size_bytes\": 932\n\t\t\t},\n\t\t\t{\n\t\t\t\t\"rel_path\": \"meta.json\"\n\t\t\t}\n\t\t],\n\t\t\"index_stats\": {},\n\t\t\"upload_time\": \"2024-01-01T03:00:00.5Z\"\n\t}\n}\n";

    [Fact]
    public void BucketUploadOfTheThanosbenchBlockIsByteExactToFormatsSection9()
    {
        var local = BlockMetaJson.Parse(Encoding.UTF8.GetBytes(LocalMeta), "local");
        var files = new[] { new ThanosFile("index", 932), new ThanosFile("chunks/000001", 1242) };
        var uploaded = UploadMeta.Build(local, LabelSet.FromDictionary(new Dictionary<string, string> { ["cluster"] = "one" }), UploadMeta.BucketUploadSource, files,
            new DateTimeOffset(2024, 1, 1, 3, 0, 0, 500, TimeSpan.Zero));
        Assert.Equal(UploadedMeta, BlockMetaJson.ToThanosJson(uploaded));
    }

    [Fact]
    public void ExternalLabelsAreMergedOverLocalLabelsAndHashesRecorded()
    {
        var local = BlockMetaJson.Parse(Encoding.UTF8.GetBytes(LocalMeta), "local");
        var labels = LabelSet.FromDictionary(new Dictionary<string, string> { ["cluster"] = "eu1", ["replica"] = "0" });
        var files = new[] { new ThanosFile("chunks/000001", 1242, "SHA256", "ab"), new ThanosFile("index", 932, "SHA256", "cd") };
        var uploaded = UploadMeta.Build(local, labels, "sidecar", files, DateTimeOffset.UnixEpoch);
        Assert.Equal("{cluster=\"eu1\", replica=\"0\"}", uploaded.Thanos!.Labels.ToString());
        var json = BlockMetaJson.ToThanosJson(uploaded);
        Assert.Contains("\"source\": \"sidecar\"", json);
        Assert.Contains("\"hash\": {\n\t\t\t\t\t\"hashFunc\": \"SHA256\",\n\t\t\t\t\t\"value\": \"ab\"\n\t\t\t\t}", json);
        Assert.Contains("\"upload_time\": \"1970-01-01T00:00:00Z\"", json);
    }

    [Theory]
    [InlineData(0L, "2024-01-01T00:00:00Z")]
    [InlineData(1L, "2024-01-01T00:00:00.0000001Z")]
    [InlineData(1_234_000L, "2024-01-01T00:00:00.1234Z")]
    public void UploadTimeIsGoRfc3339Nano(long ticks, string expected)
    {
        Assert.Equal(expected, UploadMeta.FormatUploadTime(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(ticks)));
    }
}
