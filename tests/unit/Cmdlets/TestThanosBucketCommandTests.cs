using System.Management.Automation;
using ThanosLab.Engine.Objstore;
using ThanosLab.Tests.Infrastructure;
using ThanosLab.Tests.Objstore;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>Test-ThanosBucket in process on a directory bucket, and its findings piped into Set-ThanosBlockMark.</summary>
public sealed class TestThanosBucketCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string BucketDir => _dir.Combine("bucket");

    private PowerShell Session()
    {
        Directory.CreateDirectory(BucketDir);
        var ps = PowerShellSession.Create();
        ps.AddScript($"$bucket = New-ThanosBucketConfig -FileSystem -Directory '{BucketDir}'");
        ps.Invoke();
        ps.Commands.Clear();
        return ps;
    }

    private async Task<FaultyBucket> FaultsAsync()
    {
        using var bucket = new FileSystemBucket(BucketDir);
        return await FaultyBucket.CreateAsync(bucket, _dir.Combine("data"));
    }

    [Fact]
    public async Task OverlapFindingsPipedIntoSetThanosBlockMarkMarkEveryOverlappingBlockOnce()
    {
        using var ps = Session();
        var faults = await FaultsAsync();
        ps.AddScript("Test-ThanosBucket -Bucket $bucket");
        var findings = ps.Invoke<ThanosBucketFinding>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(faults.CopyA.Count, findings.Count(f => f.Kind == "Overlap"));
        var duplicate = Assert.Single(findings, f => f.Kind == "DuplicateCompaction");
        Assert.Equal(new[] { faults.Duplicate }, duplicate.Id);
        Assert.Equal(ThanosBlockMarkKind.Deletion, duplicate.RecommendedMark);
        Assert.Equal(new[] { faults.Partial }, Assert.Single(findings, f => f.Kind == "PartialUpload").Id);
        Assert.All(findings.Where(f => f.Kind == "Overlap"), f =>
        {
            Assert.Equal("raw@{cluster=\"one\"}", f.Stream);
            Assert.Equal("one", f.Labels["cluster"]);
            Assert.Equal(ThanosBlockMarkKind.NoCompact, f.RecommendedMark);
            Assert.Equal(BucketDir, f.BucketLocation);
        });

        ps.Commands.Clear();
        ps.AddScript("Test-ThanosBucket -Bucket $bucket | Where-Object Kind -eq Overlap | Set-ThanosBlockMark -Bucket $bucket -Kind NoCompact");
        var marks = ps.Invoke<ThanosBlockMark>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(faults.CopyA.Concat(faults.CopyB).Order(StringComparer.Ordinal), marks.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.All(marks, m => Assert.Equal(ThanosBlockMarkKind.NoCompact, m.Kind));
        Assert.All(faults.OtherStream.Append(faults.Duplicate), id => Assert.False(File.Exists(Path.Combine(BucketDir, id, BlockMark.NoCompactFileName))));
    }

    [Fact]
    public async Task QuietIsTrueOnlyForACheckedBucketWithoutFindings()
    {
        using var ps = Session();
        ps.AddScript("Test-ThanosBucket -Bucket $bucket -Quiet");
        Assert.False(Assert.Single(ps.Invoke<bool>()));
        Assert.Contains("holds no blocks", Assert.Single(ps.Streams.Warning).Message);

        // Two 2 h blocks of one stream, one after the other: nothing to find.
        using (var bucket = new FileSystemBucket(BucketDir))
        {
            TestBlocks.GenerateNewest(_dir.Combine("clean"), 2);
            await TestBlocks.UploadAsync(bucket, _dir.Combine("clean"), "one");
        }
        ps.Commands.Clear();
        ps.Streams.ClearStreams();
        ps.AddScript("Test-ThanosBucket -Bucket $bucket -Quiet");
        Assert.True(Assert.Single(ps.Invoke<bool>()));
        Assert.Empty(ps.Streams.Warning);
    }

    [Fact]
    public void ANegativeDeleteDelayIsRefusedNamingTheValue()
    {
        using var ps = Session();
        ps.AddScript("Test-ThanosBucket -Bucket $bucket -DeleteDelay ([TimeSpan]::FromHours(-1))");
        var error = ps.InvokeForError();
        Assert.Equal("InvalidDeleteDelay", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("-01:00:00", error.Exception.Message);
    }
}
