using System.Text;
using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;
using Xunit;

namespace ThanosLab.Tests.Objstore;

public class BlockMarkTests
{
    private const string Id = "01HK2M7J3QW8D5T1X0ZC9B6N4E";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1704074400999);

    [Fact]
    public void DeletionMarkIsCompactJsonInThanosFieldOrder()
    {
        Assert.Equal("{\"id\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"version\":1,\"details\":\"block exceeding retention of 720h0m0s\",\"deletion_time\":1704074400}",
            BlockMark.Create(BlockMarkKind.Deletion, Id, Now, "block exceeding retention of 720h0m0s").ToJson());
        Assert.Equal("{\"id\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"version\":1,\"deletion_time\":1704074400}",
            BlockMark.Create(BlockMarkKind.Deletion, Id, Now).ToJson());
    }

    [Fact]
    public void NoCompactMarkHasTimeThenReason()
    {
        var mark = BlockMark.Create(BlockMarkKind.NoCompact, Id.ToLowerInvariant(), Now, "kept <raw> & small");
        Assert.Equal("{\"id\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"version\":1,\"details\":\"kept \\u003craw\\u003e \\u0026 small\",\"no_compact_time\":1704074400,\"reason\":\"manual\"}", mark.ToJson());
        Assert.Equal(Id + "/no-compact-mark.json", mark.Key);
    }

    [Fact]
    public void NoDownsampleMarkIsThanosNoDownsampleMarkByteForByte()
    {
        // Thanos' NoDownsampleMark (pkg/block/metadata/markers.go): id, version, details (omitempty), no_downsample_time, reason.
        var mark = BlockMark.Create(BlockMarkKind.NoDownsample, Id, Now, "keep raw");
        Assert.Equal("{\"id\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"version\":1,\"details\":\"keep raw\",\"no_downsample_time\":1704074400,\"reason\":\"manual\"}", mark.ToJson());
        Assert.Equal("{\"id\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"version\":1,\"no_downsample_time\":1704074400,\"reason\":\"manual\"}",
            BlockMark.Create(BlockMarkKind.NoDownsample, Id, Now).ToJson());
        Assert.Equal(Id + "/no-downsample-mark.json", mark.Key);
        Assert.Equal(mark, BlockMark.Parse(BlockMarkKind.NoDownsample, Encoding.UTF8.GetBytes(mark.ToJson()), "test"));
    }

    [Fact]
    public void NoDownsampleMarkAcceptsOnlyTheManualReason()
    {
        var e = Assert.Throws<ThanosLabException>(() => BlockMark.Create(BlockMarkKind.NoDownsample, Id, Now, null, "index-size-exceeding"));
        Assert.Equal("InvalidNoDownsampleReason", e.ErrorId);
        Assert.Contains("'index-size-exceeding'", e.Message);
        Assert.Contains("manual", e.Message);
        var missing = Assert.Throws<ThanosLabException>(() => BlockMark.Parse(BlockMarkKind.NoDownsample,
            Encoding.UTF8.GetBytes("{\"id\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"version\":1,\"no_compact_time\":1}"), "b/no-downsample-mark.json"));
        Assert.Contains("no_downsample_time", missing.Message);
    }

    [Fact]
    public void ParseRoundTrips()
    {
        var mark = BlockMark.Create(BlockMarkKind.NoCompact, Id, Now, "x", "index-size-exceeding");
        Assert.Equal(mark, BlockMark.Parse(BlockMarkKind.NoCompact, Encoding.UTF8.GetBytes(mark.ToJson()), "test"));
    }

    [Theory]
    [InlineData("{\"id\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"version\":2,\"deletion_time\":1}", "version 2")]
    [InlineData("{\"id\":\"nope\",\"version\":1,\"deletion_time\":1}", "no valid block id")]
    [InlineData("{\"id\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"version\":1}", "deletion_time")]
    [InlineData("{", "not valid JSON")]
    public void BadMarkersAreInvalidDataNamingTheProblem(string json, string expected)
    {
        var e = Assert.Throws<ThanosLabException>(() => BlockMark.Parse(BlockMarkKind.Deletion, Encoding.UTF8.GetBytes(json), "b/deletion-mark.json"));
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Contains(expected, e.Message);
        Assert.Contains("b/deletion-mark.json", e.Message);
    }

    [Fact]
    public void UnknownReasonAndBadIdAreRejectedWithWhatIsAccepted()
    {
        var e = Assert.Throws<ThanosLabException>(() => BlockMark.Create(BlockMarkKind.NoCompact, Id, Now, null, "because"));
        Assert.Equal("InvalidNoCompactReason", e.ErrorId);
        Assert.Contains("'because'", e.Message);
        Assert.Contains("manual, index-size-exceeding", e.Message);
        var bad = Assert.Throws<ThanosLabException>(() => BlockMark.Create(BlockMarkKind.Deletion, "../01HK2M7J3QW8D5T1X0ZC9B6N", Now));
        Assert.Equal("InvalidBlockId", bad.ErrorId);
    }
}
