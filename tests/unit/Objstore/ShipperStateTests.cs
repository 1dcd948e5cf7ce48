using System.Text;
using ThanosLab.Engine.Objstore;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Objstore;

public class ShipperStateTests
{
    [Fact]
    public void WritesTabIndentedJsonWithTrailingNewlineAsTheShipperDoes()
    {
        var state = new ShipperState(new[] { "01HK2M7J3QW8D5T1X0ZC9B6N4E", "01HK2M7J3QW8D5T1X0ZC9B6N4F" });
        Assert.Equal("{\n\t\"version\": 1,\n\t\"uploaded\": [\n\t\t\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\n\t\t\"01HK2M7J3QW8D5T1X0ZC9B6N4F\"\n\t]\n}\n", state.ToJson());
    }

    [Fact]
    public void NothingUploadedIsNullAsGoWritesANilSlice()
    {
        Assert.Equal("{\n\t\"version\": 1,\n\t\"uploaded\": null\n}\n", ShipperState.Empty.ToJson());
    }

    [Fact]
    public void WriteThenReadRoundTripsAndLeavesNoTemporaryFile()
    {
        using var dir = new TempDirectory();
        var state = new ShipperState(new[] { "01HK2M7J3QW8D5T1X0ZC9B6N4E" });
        state.Write(dir.Path);
        Assert.Equal(state.ToJson(), File.ReadAllText(dir.Combine(ShipperState.FileName)));
        Assert.Equal(new[] { ShipperState.FileName }, Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        Assert.Equal(state.Uploaded, ShipperState.Read(dir.Path).Uploaded);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"version\": 2, \"uploaded\": [\"01HK2M7J3QW8D5T1X0ZC9B6N4E\"]}")]
    [InlineData("{\"version\": 1, \"uploaded\": [\"../../etc\"]}")]
    [InlineData("{\"version\": 1, \"uploaded\": 5}")]
    [InlineData("[]")]
    public void ABadFileIsTreatedAsEmpty(string content)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine(ShipperState.FileName), content);
        Assert.Null(ShipperState.Read(dir.Path).Uploaded);
        Assert.Null(ShipperState.Parse(Encoding.UTF8.GetBytes(content)));
    }

    [Fact]
    public void AMissingFileIsEmpty()
    {
        using var dir = new TempDirectory();
        Assert.Null(ShipperState.Read(dir.Path).Uploaded);
        Assert.False(ShipperState.Exists(dir.Path));
    }
}
