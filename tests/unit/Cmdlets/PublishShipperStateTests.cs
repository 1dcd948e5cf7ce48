using System.Management.Automation;
using System.Text.Json.Nodes;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>
/// Publish-ThanosBlock where thanos.shipper.json and the target bucket disagree (issue 11 item 2): a second
/// bucket, a changed -Label, -Force, and a bucket directory inside the data directory.
/// </summary>
public sealed class PublishShipperStateTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data => _dir.Combine("data");

    private PowerShell Session(out string[] ids)
    {
        var ps = GeneratedDataSession.Create(_dir, out ids, "a", "b");
        Run(ps, "$null = Publish-ThanosBlock -Path $data -Bucket $a -Label @{ cluster = 'eu1' }");
        Assert.Empty(ps.Streams.Error);
        Assert.Empty(ps.Streams.Warning);
        return ps;
    }

    private static List<PSObject> Run(PowerShell ps, string script)
    {
        ps.Commands.Clear();
        ps.Streams.ClearStreams();
        ps.AddScript(script);
        return ps.Invoke().ToList();
    }

    [Fact]
    public void ASecondBucketGetsAWarningNamingTheRecordedBlocksAndForceUploadsThem()
    {
        using var ps = Session(out var ids);
        Assert.Empty(Run(ps, "Publish-ThanosBlock -Path $data -Bucket $b -Label @{ cluster = 'eu1' }"));
        Assert.Empty(ps.Streams.Error);
        var warning = Assert.Single(ps.Streams.Warning).Message;
        Assert.StartsWith("9 blocks (", warning, StringComparison.Ordinal);
        Assert.All(ids, id => Assert.Contains(id, warning, StringComparison.Ordinal));
        Assert.Contains("-Force", warning, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Combine("b")));

        var uploaded = Run(ps, "Publish-ThanosBlock -Path $data -Bucket $b -Label @{ cluster = 'eu1' } -Force");
        Assert.Empty(ps.Streams.Error);
        Assert.Empty(ps.Streams.Warning);
        Assert.Equal(ids.Order(), uploaded.Select(o => ((ThanosBlock)o.BaseObject).Id).Order());
        Assert.Equal(new object[] { true }, Run(ps, "Test-ThanosBucketUpload -Path $data -Bucket $b -Label @{ cluster = 'eu1' } -Quiet").Select(o => o.BaseObject));

        // The first bucket is untouched by the warning logic: everything is there, nothing to say.
        Assert.Empty(Run(ps, "Publish-ThanosBlock -Path $data -Bucket $a -Label @{ cluster = 'eu1' }"));
        Assert.Empty(ps.Streams.Warning);
    }

    [Fact]
    public void BlocksACompactorCompactedAwayAreNotWarnedAbout()
    {
        using var ps = Session(out var ids);
        // What a compactor leaves: a new block listing the first two as its sources, the sources deleted.
        var a = _dir.Combine("a");
        const string compacted = "01HKZZZZZZZZZZZZZZZZZZZZZZ";
        Directory.CreateDirectory(Path.Combine(a, compacted));
        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(a, ids[0], "meta.json")))!;
        meta["ulid"] = compacted;
        meta["compaction"] = new JsonObject { ["level"] = 2, ["sources"] = new JsonArray(ids[0], ids[1]) };
        File.WriteAllText(Path.Combine(a, compacted, "meta.json"), meta.ToJsonString());
        Directory.Delete(Path.Combine(a, ids[0]), recursive: true);
        Directory.Delete(Path.Combine(a, ids[1]), recursive: true);
        Directory.Delete(Path.Combine(a, ids[2]), recursive: true);

        Assert.Empty(Run(ps, "Publish-ThanosBlock -Path $data -Bucket $a -Label @{ cluster = 'eu1' }"));
        var warning = Assert.Single(ps.Streams.Warning).Message;
        Assert.StartsWith($"1 block ({ids[2]})", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void AChangedLabelIsWarnedAbout()
    {
        using var ps = Session(out _);
        Assert.Empty(Run(ps, "Publish-ThanosBlock -Path $data -Bucket $a -Label @{ cluster = 'eu2' }"));
        var warning = Assert.Single(ps.Streams.Warning).Message;
        Assert.StartsWith("9 blocks (", warning, StringComparison.Ordinal);
        Assert.Contains("other external labels", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void ABucketDirectoryInTheDataDirectoryIsRefused()
    {
        using var ps = GeneratedDataSession.Create(_dir, out _);
        Directory.CreateDirectory(Path.Combine(Data, "bucket"));
        foreach (var bucketDir in new[] { Data, Path.Combine(Data, "bucket") })
        {
            Run(ps, $"Publish-ThanosBlock -Path $data -Bucket (New-ThanosBucketConfig -FileSystem -Directory '{bucketDir}') -Label @{{ cluster = 'eu1' }}");
            var error = Assert.Single(ps.Streams.Error);
            Assert.Equal("BucketInsideDataDirectory,ThanosLab.Cmdlets.PublishThanosBlockCommand", error.FullyQualifiedErrorId);
            Assert.Contains(bucketDir, error.Exception.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(Data, "thanos.shipper.json")));
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(Data, "bucket")));

            ps.Commands.Clear();
            ps.Streams.ClearStreams();
            ps.AddScript($"Test-ThanosBucketUpload -Path $data -Bucket (New-ThanosBucketConfig -FileSystem -Directory '{bucketDir}') -Quiet");
            Assert.Equal("BucketInsideDataDirectory,ThanosLab.Cmdlets.TestThanosBucketUploadCommand", ps.InvokeForError().FullyQualifiedErrorId);
        }
    }
}
