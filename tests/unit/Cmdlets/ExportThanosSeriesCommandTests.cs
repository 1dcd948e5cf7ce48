using System.Globalization;
using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Series;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Tests.Infrastructure;
using ThanosLab.Tests.Tsdb;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>Export-ThanosSeries in process; the file read back by Debian's promtool 2.42.</summary>
public sealed class ExportThanosSeriesCommandTests : IDisposable
{
    private readonly TempDirectory _data = new("thanoslab-data-");
    private readonly GeneratedBlock _raw;

    public ExportThanosSeriesCommandTests() => _raw = BlockGenerator.Generate(BlockReaderTests.MixedSpec(), _data.Combine("raw"));

    public void Dispose() => _data.Dispose();

    [Fact]
    public void TimestampsSurvivePrometheusTruncatingParser()
    {
        // Prometheus parses seconds as a double and keeps int64(seconds * 1000).
        foreach (var ms in new[] { 1704067215001L, 1695700815009, 1_700_000_000_123, 1, 999, 1000, 1672545615013 }.Concat(Enumerable.Range(0, 20000).Select(i => 1_700_000_000_000L + 7 * i)))
        {
            var text = OpenMetricsExporter.Timestamp(ms);
            Assert.Equal(ms, (long)(double.Parse(text, CultureInfo.InvariantCulture) * 1000));
        }
    }

    [SkippableFact]
    public void PromtoolBuildsBlocksWithTheSameSamples()
    {
        var promtool = Requires.Tool("promtool", "apt-get install prometheus");
        var file = _data.Combine("raw.om");
        using (var ps = PowerShellSession.Run($"Get-ThanosBlock '{_data.Combine("raw")}' | Export-ThanosSeries -OutputPath '{file}'"))
        {
            Assert.Equal(file, Assert.Single(ps.Invoke<FileInfo>()).FullName);
            Assert.Empty(ps.Streams.Error);
        }
        var (code, output) = ToolProcess.Run(promtool, "tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=120h", file, _data.Combine("promtool"));
        Assert.True(code == 0, output);

        using var original = BlockReader.Open(_raw.Path);
        var expected = original.Series().ToDictionary(s => s.Labels.ToString(), s => original.Samples(s).ToList());
        var actual = new Dictionary<string, List<(long, double)>>();
        foreach (var block in Directory.GetDirectories(_data.Combine("promtool")).Order(StringComparer.Ordinal))
        {
            using var reader = BlockReader.Open(block);
            foreach (var s in reader.Series())
            {
                if (!actual.TryGetValue(s.Labels.ToString(), out var list))
                {
                    actual[s.Labels.ToString()] = list = new List<(long, double)>();
                }
                list.AddRange(reader.Samples(s));
            }
        }
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (series, samples) in expected)
        {
            var theirs = actual[series].OrderBy(x => x.Item1).ToList();
            Assert.Equal(samples.Select(x => x.Timestamp), theirs.Select(x => x.Item1));
            Assert.Equal(samples.Select(x => BitConverter.DoubleToInt64Bits(x.Value)), theirs.Select(x => BitConverter.DoubleToInt64Bits(x.Item2)));
        }
    }

    [Fact]
    public void AnExistingFileAndDownsampledBlocksAreRefusedAndNothingIsLeft()
    {
        var file = _data.Combine("exists.om");
        File.WriteAllText(file, "keep");
        using (var ps = PowerShellSession.Run($"Export-ThanosSeries -Path '{_raw.Path}' -OutputPath '{file}'"))
        {
            Assert.Equal("FileExists,ThanosLab.Cmdlets.ExportThanosSeriesCommand", ps.InvokeForError().FullyQualifiedErrorId);
        }
        Assert.Equal("keep", File.ReadAllText(file));

        var fiveMinutes = new BlockDownsampler().Downsample(_raw.Path, DownsampleResolution.FiveMinutes, _data.Combine("5m"));
        var other = _data.Combine("5m.om");
        using (var ps = PowerShellSession.Run($"Export-ThanosSeries -Path '{fiveMinutes.Path}' -OutputPath '{other}'"))
        {
            Assert.Equal("NotRawBlock,ThanosLab.Cmdlets.ExportThanosSeriesCommand", ps.InvokeForError().FullyQualifiedErrorId);
        }
        Assert.Equal(new[] { "exists.om" }, Directory.GetFiles(_data.Path).Select(Path.GetFileName));
    }
}
