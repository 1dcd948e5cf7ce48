using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Tests.Infrastructure;
using ThanosLab.Tests.Tsdb;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>Get-ThanosSeries in process on a raw block and its 5m downsampling.</summary>
public sealed class GetThanosSeriesCommandTests : IDisposable
{
    private readonly TempDirectory _data = new("thanoslab-data-");
    private readonly GeneratedBlock _raw;
    private readonly DownsampledBlock _fiveMinutes;

    public GetThanosSeriesCommandTests()
    {
        _raw = BlockGenerator.Generate(BlockReaderTests.MixedSpec(), _data.Path);
        _fiveMinutes = new BlockDownsampler().Downsample(_raw.Path, DownsampleResolution.FiveMinutes, _data.Path);
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public void RawSamplesAreTheBlocksSamples()
    {
        using var ps = PowerShellSession.Run($"Get-ThanosSeries -Path '{_raw.Path}' -Match 'counter_total{{__blockgen_target__=\"2\"}}'");
        var series = Assert.Single(ps.Invoke<ThanosSeries>());
        Assert.Empty(ps.Streams.Error);
        Assert.Equal("counter_total", series.Name);
        Assert.Equal("2", series.Labels["__blockgen_target__"]);
        Assert.Equal(TimeSpan.Zero, series.Resolution);
        Assert.Equal(_raw.Meta.Id, series.BlockId);
        using var reader = BlockReader.Open(_raw.Path);
        var expected = reader.Samples(reader.Series().Single(s => s.Labels.Get("__name__") == "counter_total" && s.Labels.Get("__blockgen_target__") == "2")).ToArray();
        var samples = series.Samples.Cast<ThanosSample>().ToArray();
        Assert.Equal(expected.Select(e => e.Timestamp), samples.Select(s => s.Timestamp.ToUnixTimeMilliseconds()));
        Assert.Equal(expected.Select(e => e.Value), samples.Select(s => s.Value));
    }

    [Fact]
    public void DownsampledSamplesAreWindowsAndTheRangeIsInclusive()
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(_raw.Meta.MinTime + 3_600_000);
        var end = start.AddMinutes(30);
        using var ps = PowerShellSession.Run(
            $"Get-ThanosSeries '{_data.Path}' '{{__name__=~\"gauge.*\"}}' -Start ([DateTimeOffset]::FromUnixTimeMilliseconds({start.ToUnixTimeMilliseconds()})) -End ([DateTimeOffset]::FromUnixTimeMilliseconds({end.ToUnixTimeMilliseconds()}))");
        var series = ps.Invoke<ThanosSeries>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(6, series.Count);
        var raw = series.First(s => s.BlockId == _raw.Meta.Id);
        var windows = series.First(s => s.BlockId == _fiveMinutes.Meta.Id && s.Labels["__blockgen_target__"]!.Equals(raw.Labels["__blockgen_target__"]));
        Assert.Equal(TimeSpan.FromMinutes(5), windows.Resolution);
        var aggregates = windows.Samples.Cast<ThanosAggregateSample>().ToArray();
        Assert.All(aggregates, a => Assert.InRange(a.Timestamp, start, end));
        var rawSamples = raw.Samples.Cast<ThanosSample>().ToArray();
        Assert.All(rawSamples, s => Assert.InRange(s.Timestamp, start, end));
        // Each full window in the range holds the raw samples of its five minutes.
        foreach (var a in aggregates.Where(a => a.Timestamp.ToUnixTimeMilliseconds() - 300_000 >= start.ToUnixTimeMilliseconds()))
        {
            var inWindow = rawSamples.Where(s => s.Timestamp > a.Timestamp.AddMinutes(-5) && s.Timestamp <= a.Timestamp).Select(s => s.Value).ToArray();
            Assert.Equal(inWindow.Length, a.Count);
            Assert.Equal(inWindow.Min(), a.Min);
            Assert.Equal(inWindow.Max(), a.Max);
            Assert.NotNull(a.Counter);
        }
    }

    [Fact]
    public void ASelectorThatDoesNotParseNamesThePosition()
    {
        using var ps = PowerShellSession.Run($"Get-ThanosSeries -Path '{_raw.Path}' -Match 'up{{job=\"a\"'");
        var error = ps.InvokeForError();
        Assert.Equal("InvalidSeriesSelector,ThanosLab.Cmdlets.GetThanosSeriesCommand", error.FullyQualifiedErrorId);
        Assert.Contains("at position 11", error.Exception.Message);
    }
}
