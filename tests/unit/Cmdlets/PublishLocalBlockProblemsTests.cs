using System.Diagnostics;
using System.Management.Automation;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>
/// Publish-ThanosBlock and Test-ThanosBucketUpload over a data directory where some blocks are broken
/// (issue 11 item 4) or hold special files (issue 12 item 3): each such block is an error naming it,
/// the others are uploaded and checked, and nothing is read past a block's regular files.
/// </summary>
public sealed class PublishLocalBlockProblemsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data => _dir.Combine("data");

    private string BucketDir => _dir.Combine("bucket");

    private PowerShell Session(out string[] ids) => GeneratedDataSession.Create(_dir, out ids, "bucket");

    private static void AssertErrorFor(PowerShell ps, string id, string errorId) =>
        Assert.Contains(ps.Streams.Error, e => e.FullyQualifiedErrorId.StartsWith(errorId + ",", StringComparison.Ordinal) && Equals(e.TargetObject, id));

    [Fact]
    public void AnIncompleteBlockIsAnErrorByIdAndTheOthersAreUploaded()
    {
        using var ps = Session(out var ids);
        File.Delete(Path.Combine(Data, ids[2], "index"));
        Directory.Delete(Path.Combine(Data, ids[6], "chunks"), recursive: true);

        var uploaded = ps.InvokeBounded("Publish-ThanosBlock -Path $data -Bucket $bucket -Label @{ cluster = 'eu1' }");
        Assert.Equal(ids.Except(new[] { ids[2], ids[6] }).Order(), uploaded.Select(b => ((ThanosBlock)b.BaseObject).Id).Order());
        Assert.Equal(2, ps.Streams.Error.Count);
        AssertErrorFor(ps, ids[2], "BlockIncomplete");
        AssertErrorFor(ps, ids[6], "BlockIncomplete");
        Assert.Contains("no index file", ps.Streams.Error.Single(e => Equals(e.TargetObject, ids[2])).Exception.Message);
        Assert.False(Directory.Exists(Path.Combine(BucketDir, ids[2])));

        var result = (ThanosBucketUploadResult)ps.InvokeBounded("Test-ThanosBucketUpload -Path $data -Bucket $bucket -Label @{ cluster = 'eu1' }").Single().BaseObject;
        Assert.False(result.Passed);
        Assert.Equal(7, result.Blocks.Length);
        Assert.All(result.Blocks, b => Assert.Equal(ThanosUploadStatus.Uploaded, b.Status));
        AssertErrorFor(ps, ids[2], "BlockIncomplete");
        AssertErrorFor(ps, ids[6], "BlockIncomplete");
    }

    [SkippableFact]
    public void SpecialFilesInABlockAreRefusedAndNothingIsReadFromThem()
    {
        Skip.If(OperatingSystem.IsWindows(), "FIFOs and /dev/zero are Unix files");
        using var ps = Session(out var ids);
        var zeroChunk = Path.Combine(Data, ids[1], "chunks", "000001");
        File.Delete(zeroChunk);
        File.CreateSymbolicLink(zeroChunk, "/dev/zero");
        var fifoIndex = Path.Combine(Data, ids[4], "index");
        File.Delete(fifoIndex);
        using (var mkfifo = Process.Start("mkfifo", fifoIndex)) mkfifo.WaitForExit();
        var outside = _dir.Combine("outside-chunk");
        File.Copy(Path.Combine(Data, ids[7], "chunks", "000001"), outside);
        File.Delete(Path.Combine(Data, ids[7], "chunks", "000001"));
        File.CreateSymbolicLink(Path.Combine(Data, ids[7], "chunks", "000001"), outside);
        // A link that stays inside its block is a regular file of the block.
        var inside = Path.Combine(Data, ids[8], "chunks", "000001");
        File.Move(inside, Path.Combine(Data, ids[8], "chunks", "segment-data"));
        File.CreateSymbolicLink(inside, "segment-data");

        var uploaded = ps.InvokeBounded("Publish-ThanosBlock -Path $data -Bucket $bucket -Label @{ cluster = 'eu1' } -HashFunction SHA256");
        Assert.Equal(6, uploaded.Count);
        Assert.Equal(3, ps.Streams.Error.Count);
        AssertErrorFor(ps, ids[1], "LinkLeavesBlock");
        AssertErrorFor(ps, ids[4], "NotARegularFile");
        AssertErrorFor(ps, ids[7], "LinkLeavesBlock");
        Assert.Contains("'/dev/zero'", ps.Streams.Error.Single(e => Equals(e.TargetObject, ids[1])).Exception.Message);
        Assert.Contains("FIFO", ps.Streams.Error.Single(e => Equals(e.TargetObject, ids[4])).Exception.Message);
        foreach (var refused in new[] { ids[1], ids[4], ids[7] }) Assert.False(Directory.Exists(Path.Combine(BucketDir, refused)));
        // Nothing was streamed from /dev/zero: the bucket holds no more than the blocks themselves.
        Assert.True(Directory.EnumerateFiles(BucketDir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) < 10_000_000);

        ps.InvokeBounded("Test-ThanosBucketUpload -Path $data -Bucket $bucket -Label @{ cluster = 'eu1' }");
        AssertErrorFor(ps, ids[1], "LinkLeavesBlock");
        AssertErrorFor(ps, ids[4], "NotARegularFile");
        AssertErrorFor(ps, ids[7], "LinkLeavesBlock");
    }
}
