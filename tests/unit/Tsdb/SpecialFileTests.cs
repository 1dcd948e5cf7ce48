using ThanosLab.Engine;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

/// <summary>
/// Block files replaced by a FIFO or a symbolic link to /dev/zero (issue 12 item 3): the readers
/// report the file as not regular, promptly, without opening it, and the other blocks are unaffected.
/// </summary>
public sealed class SpecialFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly GeneratedBlock _block;
    private readonly GeneratedBlock _other;

    public SpecialFileTests()
    {
        _block = BlockGenerator.Generate(BlockReaderTests.MixedSpec(), _dir.Path);
        _other = BlockGenerator.Generate(BlockReaderTests.MixedSpec() with { MinTime = BlockReaderTests.MixedSpec().MinTime - 10 }, _dir.Path);
    }

    public void Dispose() => _dir.Dispose();

    private string InBlock(string file) => Path.Combine(_block.Path, file);

    [SkippableTheory]
    [InlineData("index", "FIFO")]
    [InlineData("chunks/000001", "FIFO")]
    [InlineData("tombstones", "FIFO")]
    [InlineData("meta.json", "FIFO")]
    [InlineData("index", "/dev/zero")]
    [InlineData("chunks/000001", "/dev/zero")]
    [InlineData("meta.json", "/dev/zero")]
    public void VerifierReportsTheFileWithoutOpeningIt(string file, string kind)
    {
        var path = InBlock(file);
        if (kind == "FIFO") SpecialFiles.Fifo(path);
        else SpecialFiles.LinkToDevZero(path);
        var result = SpecialFiles.Bounded(() => BlockVerifier.Verify(_block.Path), path);
        Assert.False(result.IsHealthy);
        // The first issue about the file says what it is; a refused segment's chunks are unreadable after it.
        var issue = result.Issues.First(i => i.File == file);
        Assert.Contains(kind == "FIFO" ? "is a FIFO" : "is a link to '/dev/zero', outside", issue.Message);
        Assert.True(BlockVerifier.Verify(_other.Path).IsHealthy);
    }

    [SkippableFact]
    public void ReaderRefusesAFifoSegment()
    {
        SpecialFiles.Fifo(InBlock("chunks/000001"));
        var e = SpecialFiles.Bounded(() => Assert.Throws<ThanosLabException>(() => BlockReader.Open(_block.Path)), InBlock("chunks/000001"));
        Assert.Contains("chunks/000001", e.Message);
        Assert.Contains("FIFO", e.Message);
    }

    [SkippableFact]
    public void ALinkInsideTheBlockIsFollowed()
    {
        // A segment that is a link to a copy of itself in the block is still read.
        File.Move(InBlock("chunks/000001"), InBlock("segment-copy"));
        File.CreateSymbolicLink(InBlock("chunks/000001"), "../segment-copy");
        Assert.True(BlockVerifier.Verify(_block.Path).IsHealthy, string.Join("\n", BlockVerifier.Verify(_block.Path).Issues));
    }

    [SkippableFact]
    public void AChunksDirectoryLinkOutOfTheBlockIsReported()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links to directories need privileges on Windows");
        Directory.Move(InBlock("chunks"), _dir.Combine("elsewhere"));
        Directory.CreateSymbolicLink(InBlock("chunks"), _dir.Combine("elsewhere"));
        var result = BlockVerifier.Verify(_block.Path);
        Assert.Contains(result.Issues, i => i.File == "chunks" && i.Message.Contains("outside", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void ListingADataDirectoryReportsTheBlockWithAFifoMetaAndListsTheOthers()
    {
        SpecialFiles.Fifo(InBlock("meta.json"));
        var entries = SpecialFiles.Bounded(() => LocalBlockDirectory.List(_dir.Path).ToList(), InBlock("meta.json"));
        var bad = Assert.Single(entries, e => e.State == LocalBlockState.Invalid);
        Assert.Equal(_block.Path, bad.Path);
        Assert.Contains("FIFO", bad.Error!.Message);
        Assert.Equal(_other.Meta.Id, Assert.Single(entries, e => e.State == LocalBlockState.Block).Meta!.Id);
    }

    [SkippableFact]
    public void AShipperFileThatIsAFifoReadsAsEmpty()
    {
        var path = _dir.Combine(ShipperState.FileName);
        SpecialFiles.Fifo(path);
        Assert.Same(ShipperState.Empty, SpecialFiles.Bounded(() => ShipperState.Read(_dir.Path), path));
    }
}
