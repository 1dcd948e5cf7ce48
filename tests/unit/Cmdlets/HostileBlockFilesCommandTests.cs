using System.Management.Automation;
using System.Text.Json.Nodes;
using ThanosLab.Engine.Generation;
using ThanosLab.Tests.Infrastructure;
using ThanosLab.Tests.Tsdb;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>
/// A data directory of three blocks, one with a hostile meta.json or a special file (issue 11 item
/// 6, issue 12 items 3 and 4), through the cmdlets as a user runs them: that block is an error or an
/// issue naming the file and the field, and the other two are listed, verified and uploaded.
/// </summary>
public sealed class HostileBlockFilesCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly GeneratedBlock[] _blocks;

    public HostileBlockFilesCommandTests()
    {
        var spec = BlockReaderTests.MixedSpec();
        _blocks = Enumerable.Range(0, 3).Select(i => BlockGenerator.Generate(spec with { MinTime = spec.MinTime - i }, Data)).ToArray();
        Directory.CreateDirectory(BucketDir);
    }

    public void Dispose() => _dir.Dispose();

    private string Data => _dir.Combine("data");

    private string BucketDir => _dir.Combine("bucket");

    private GeneratedBlock Bad => _blocks[1];

    private string BadMeta => Path.Combine(Bad.Path, "meta.json");

    private PowerShell Run(string script)
    {
        var ps = PowerShellSession.Create();
        ps.AddScript($"$data = '{Data}'; $bucket = New-ThanosBucketConfig -FileSystem -Directory '{BucketDir}'; " + script);
        return ps;
    }

    private static string WithField(string json, string path, string value)
    {
        var root = JsonNode.Parse(json)!;
        var parts = path.Split('.');
        var node = root;
        foreach (var p in parts[..^1]) node = node[p] ??= new JsonObject();
        node.AsObject()[parts[^1]] = JsonNode.Parse(value);
        return root.ToJsonString();
    }

    public static TheoryData<string, string, string> HostileMetas() => new()
    {
        { "thanos.files", "[1,2]", "thanos.files[0]" },
        { "maxTime", "9223372036854775800", "maxTime" },
        { "minTime", "-9223372036854775808", "minTime" },
        { "stats", "[]", "stats" },
        { "thanos", "\"abc\"", "thanos" },
        { "thanos.segment_files", "{\"a\":1}", "thanos.segment_files" },
        { "thanos.downsample.resolution", "9223372036854775807", "thanos.downsample.resolution" },
        { "thanos.files", "[{\"rel_path\":\"index\",\"size_bytes\":9223372036854775807},{\"rel_path\":\"meta.json\",\"size_bytes\":1}]", "thanos.files" },
    };

    [Theory]
    [MemberData(nameof(HostileMetas))]
    public void GetTestAndPublishReportTheBlockAndGoOnWithTheOthers(string field, string value, string named)
    {
        File.WriteAllText(BadMeta, WithField(File.ReadAllText(BadMeta), field, value));
        var good = _blocks.Where(b => b != Bad).Select(b => b.Meta.Id).Order(StringComparer.Ordinal).ToArray();

        using (var ps = Run("Get-ThanosBlock -Path $data"))
        {
            Assert.Equal(good, ps.Invoke<ThanosBlock>().Select(b => b.Id).Order(StringComparer.Ordinal));
            var error = Assert.Single(ps.Streams.Error);
            Assert.Equal("InvalidBlockMeta,ThanosLab.Cmdlets.GetThanosBlockCommand", error.FullyQualifiedErrorId);
            Assert.Contains(BadMeta, error.Exception.Message);
            Assert.Contains($"'{named}'", error.Exception.Message);
        }

        using (var ps = Run("Test-ThanosBlock -Path \"$data/*\""))
        {
            var results = ps.Invoke<ThanosBlockTestResult>();
            Assert.Empty(ps.Streams.Error);
            Assert.Equal(3, results.Count);
            var bad = Assert.Single(results, r => !r.IsHealthy);
            Assert.Equal(Bad.Path, bad.Path);
            var issue = Assert.Single(bad.Issues);
            Assert.Equal("meta.json", issue.File);
            Assert.Contains($"'{named}'", issue.Message);
        }

        using (var ps = Run("Publish-ThanosBlock -Path $data -Bucket $bucket"))
        {
            var uploaded = ps.Invoke<ThanosBlock>();
            Assert.Equal(good, uploaded.Select(b => b.Id).Order(StringComparer.Ordinal));
            var error = Assert.Single(ps.Streams.Error);
            Assert.Contains($"'{named}'", error.Exception.Message);
            Assert.False(Directory.Exists(Path.Combine(BucketDir, Bad.Meta.Id)));
        }
    }

    [Theory]
    [MemberData(nameof(HostileMetas))]
    public void InABucketTheBlockIsReportedAndTheOthersListedAndChecked(string field, string value, string named)
    {
        using (var ps = Run("$null = Publish-ThanosBlock -Path $data -Bucket $bucket"))
        {
            ps.Invoke();
            Assert.Empty(ps.Streams.Error);
        }
        var bucketMeta = Path.Combine(BucketDir, Bad.Meta.Id, "meta.json");
        File.WriteAllText(bucketMeta, WithField(File.ReadAllText(bucketMeta), field, value));

        using (var ps = Run("Get-ThanosBlock -Bucket $bucket"))
        {
            var listed = ps.Invoke<ThanosBlock>();
            Assert.Equal(_blocks.Select(b => b.Meta.Id).Order(StringComparer.Ordinal), listed.Select(b => b.Id).Order(StringComparer.Ordinal));
            var error = Assert.Single(ps.Streams.Error);
            Assert.Contains($"'{named}'", error.Exception.Message);
            Assert.Contains(Bad.Meta.Id, error.Exception.Message);
        }

        using (var ps = Run("Test-ThanosBucketUpload -Path $data -Bucket $bucket"))
        {
            var result = Assert.Single(ps.Invoke<ThanosBucketUploadResult>());
            Assert.False(result.Passed);
            Assert.Equal(3, result.Blocks.Length);
            Assert.Equal(2, result.Blocks.Count(b => b.Status == ThanosUploadStatus.Uploaded));
        }
    }

    [SkippableTheory]
    [InlineData("index")]
    [InlineData("chunks/000001")]
    public void TestThanosBlockReportsAFifoAndVerifiesTheOthers(string file)
    {
        var path = Path.Combine(Bad.Path, file);
        SpecialFiles.Fifo(path);
        using var ps = Run("Test-ThanosBlock -Path \"$data/*\"");
        var results = SpecialFiles.Bounded(() => ps.Invoke<ThanosBlockTestResult>(), path);
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(3, results.Count);
        var bad = Assert.Single(results, r => !r.IsHealthy);
        Assert.Contains(bad.Issues, i => i.File == file && i.Message.Contains("is a FIFO", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void AFifoMetaJsonInAFileSystemBucketIsReportedAndTheOthersListed()
    {
        using (var ps = Run("$null = Publish-ThanosBlock -Path $data -Bucket $bucket"))
        {
            ps.Invoke();
            Assert.Empty(ps.Streams.Error);
        }
        var bucketMeta = Path.Combine(BucketDir, Bad.Meta.Id, "meta.json");
        SpecialFiles.Fifo(bucketMeta);
        using var ps2 = Run("Get-ThanosBlock -Bucket $bucket");
        var listed = SpecialFiles.Bounded(() => ps2.Invoke<ThanosBlock>(), bucketMeta);
        Assert.Equal(3, listed.Count);
        var error = Assert.Single(ps2.Streams.Error);
        Assert.Contains("is a FIFO", error.Exception.Message);
    }

    [SkippableFact]
    public void GetThanosBlockDoesNotFollowALinkOutOfTheBlockWhenItSumsTheSize()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links to directories need privileges on Windows");
        Directory.CreateSymbolicLink(Path.Combine(Bad.Path, "loop"), Data);
        Directory.CreateSymbolicLink(Path.Combine(Bad.Path, "root"), "/");
        using var ps = Run("Get-ThanosBlock -Path $data");
        var listed = SpecialFiles.Bounded(() => ps.Invoke<ThanosBlock>());
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(Bad.SizeBytes, listed.Single(b => b.Id == Bad.Meta.Id).SizeBytes);
    }

    [SkippableFact]
    public void TestThanosBlockCallsALinkToDevZeroWhatItIs()
    {
        var path = Path.Combine(Bad.Path, "chunks", "000001");
        SpecialFiles.LinkToDevZero(path);
        using var ps = Run("Test-ThanosBlock -Path \"$data/*\"");
        var results = ps.Invoke<ThanosBlockTestResult>();
        var bad = Assert.Single(results, r => !r.IsHealthy);
        var issue = bad.Issues.First(i => i.File == "chunks/000001");
        Assert.Contains("is a link to '/dev/zero', outside", issue.Message);
        Assert.DoesNotContain("0 bytes", issue.Message);
    }
}
