using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Tests.Infrastructure;
using ThanosLab.Tests.Tsdb;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>Test-ThanosDownsample in process: a correct 5m block, and a copy with one window's sum changed.</summary>
public sealed class TestThanosDownsampleCommandTests : IDisposable
{
    private readonly TempDirectory _data = new("thanoslab-data-");
    private readonly GeneratedBlock _raw;
    private readonly DownsampledBlock _fiveMinutes;

    public TestThanosDownsampleCommandTests()
    {
        _raw = BlockGenerator.Generate(BlockReaderTests.MixedSpec(), _data.Path);
        _fiveMinutes = new BlockDownsampler().Downsample(_raw.Path, DownsampleResolution.FiveMinutes, _data.Path);
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public void ACorrectBlockHasNoDifferencesAndRawBlocksAreSkipped()
    {
        using var ps = PowerShellSession.Run($"Get-ThanosBlock '{_data.Path}' | Test-ThanosDownsample");
        var result = Assert.Single(ps.Invoke<ThanosDownsampleTestResult>());
        Assert.Empty(ps.Streams.Error);
        Assert.True(result.IsCorrect, string.Join("\n", result.Differences.Select(d => d.ToString())));
        Assert.Equal(_raw.Meta.Id, result.SourceId);
        Assert.Equal(7, result.SeriesChecked);
        Assert.Equal((long)_fiveMinutes.Meta.Stats.NumSamples, result.WindowsChecked);
        Assert.Contains($"Block {_raw.Meta.Id} is raw", Assert.Single(ps.Streams.Warning).Message);
    }

    [Fact]
    public void AChangedSumInOneWindowIsReportedWithItsSeriesAndWindow()
    {
        var tampered = _data.Combine("tampered");
        var (series, window) = WriteWithOneSumChanged(_fiveMinutes.Path, tampered);
        using var ps = PowerShellSession.Run($"Test-ThanosDownsample -Path '{tampered}' -SourcePath '{_data.Path}'");
        var result = Assert.Single(ps.Invoke<ThanosDownsampleTestResult>());
        Assert.Empty(ps.Streams.Error);
        Assert.False(result.IsCorrect);
        var difference = Assert.Single(result.Differences);
        Assert.Equal(series, difference.Series);
        Assert.Equal(window, difference.Timestamp!.Value.ToUnixTimeMilliseconds());
        Assert.StartsWith("sum is ", difference.Message);
        Assert.Contains("; the source gives ", difference.Message);
    }

    [Fact]
    public void AMissingSourceIsAnError()
    {
        using var ps = PowerShellSession.Run($"Test-ThanosDownsample -Path '{_fiveMinutes.Path}' -SourcePath '{_data.Combine("empty")}'");
        Directory.CreateDirectory(_data.Combine("empty"));
        var error = ps.InvokeForError();
        Assert.Equal("DownsampleSourceNotFound,ThanosLab.Cmdlets.TestThanosDownsampleCommand", error.FullyQualifiedErrorId);
    }

    /// <summary>Copies the block with the sum of the third window of the second series' first chunk increased by 1.</summary>
    internal static (string Series, long Window) WriteWithOneSumChanged(string source, string directory)
    {
        using var reader = BlockReader.Open(source);
        using var writer = BlockWriter.Create(directory, Ulid.NewUlid());
        writer.Index.AddSymbols(reader.Index.Symbols);
        var samples = new AggregateChunkSamples();
        var encoder = new AggregateChunkEncoder();
        (string, long) changed = default;
        var index = 0;
        foreach (var series in reader.Series())
        {
            var payloads = new EncodingBuffer();
            var lengths = new List<int>();
            for (var c = 0; c < series.Chunks.Count; c++)
            {
                var chunk = series.Chunks[c];
                Assert.Null(samples.Load(reader.ReadRecord(chunk).Data, chunk.MinTime, chunk.MaxTime));
                encoder.Reset();
                foreach (var type in Enum.GetValues<AggregateType>())
                {
                    var s = samples.Samples(type);
                    for (var i = 0; i < s.Count; i++)
                    {
                        var tamper = index == 1 && c == 0 && type == AggregateType.Sum && i == 2;
                        encoder.Append(type, s.Timestamps[i], s.Values[i] + (tamper ? 1 : 0));
                        if (tamper)
                        {
                            changed = (series.Labels.ToString(), s.Timestamps[i]);
                        }
                    }
                }
                var start = payloads.Length;
                encoder.WriteTo(payloads);
                lengths.Add(payloads.Length - start);
            }
            var refs = new ulong[lengths.Count];
            writer.Chunks.WriteSeries(payloads.Span, lengths.ToArray(), refs, AggregateChunkEncoder.Encoding);
            writer.Index.AddSeries(series.Labels, series.Chunks.Select((m, i) => m with { Ref = refs[i] }).ToArray());
            index++;
        }
        writer.Complete(reader.Meta with { Ulid = writer.Id });
        return changed;
    }
}
