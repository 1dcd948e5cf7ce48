using System.Management.Automation;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Tests.Infrastructure;
using ThanosLab.Tests.Tsdb;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>Invoke-ThanosDownsample in process, on a data directory with a 4-day and a 2-hour raw block.</summary>
public sealed class InvokeThanosDownsampleCommandTests : IDisposable
{
    private const long T0 = 1_700_000_000_000;
    private readonly TempDirectory _data = new("thanoslab-data-");
    private readonly GeneratedBlock _fourDays;
    private readonly GeneratedBlock _twoHours;

    public InvokeThanosDownsampleCommandTests()
    {
        _fourDays = BlockGenerator.Generate(BlockReaderTests.MixedSpec(), _data.Path);
        var labels = LabelSet.Create(new[] { new Label("__name__", "short_metric") });
        var end = T0 + 2 * 3_600_000;
        _twoHours = BlockGenerator.Generate(new BlockSpec(T0, end, LabelSet.Empty,
            new[] { new SeriesSpec(labels, 1, SeriesType.Gauge, T0, end, SeriesCharacteristics.ProfileDefault) }), _data.Path);
    }

    public void Dispose() => _data.Dispose();

    private static PowerShell Run(string script) => PowerShellSession.Run(script);

    [Fact]
    public void DownsamplesWhatTheCompactorWouldAndWarnsAboutTheRest()
    {
        using var ps = Run($"Get-ThanosBlock -Path '{_data.Path}' | Invoke-ThanosDownsample -Resolution 5m -OutputDirectory '{_data.Combine("out")}'");
        var blocks = ps.Invoke<ThanosBlock>();
        Assert.Empty(ps.Streams.Error);
        var block = Assert.Single(blocks);
        Assert.Equal(TimeSpan.FromMinutes(5), block.Resolution);
        Assert.Equal("compactor", block.Source);
        Assert.Equal(7, block.Series);
        Assert.Equal(_fourDays.Meta.MinTime, block.MinTime.ToUnixTimeMilliseconds());
        Assert.StartsWith(_data.Combine("out"), block.Path);
        var warning = Assert.Single(ps.Streams.Warning).Message;
        Assert.Contains($"Block {_twoHours.Meta.Id} is not downsampled to 5m", warning);
        Assert.Contains("only from 40 h", warning);

        // The 5m block is too short for 1h, and raw blocks are not 5m blocks.
        using var next = Run($"Get-ThanosBlock -Path '{_data.Combine("out")}', '{_fourDays.Path}' | Invoke-ThanosDownsample -Resolution 1h -OutputDirectory '{_data.Combine("out")}'");
        Assert.Empty(next.Invoke<ThanosBlock>());
        Assert.Empty(next.Streams.Error);
        var warnings = next.Streams.Warning.Select(w => w.Message).ToArray();
        Assert.Contains(warnings, w => w.Contains("only from 240 h", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("its resolution is raw; the compactor downsamples only 5m blocks to 1h", StringComparison.Ordinal));
    }

    [Fact]
    public void TheNewBlockVerifiesAndAFlippedAggregateByteIsFound()
    {
        using var ps = Run($"Invoke-ThanosDownsample -Path '{_fourDays.Path}' -Resolution 5m -OutputDirectory '{_data.Combine("out")}' | Test-ThanosBlock");
        var result = Assert.Single(ps.Invoke<ThanosBlockTestResult>());
        Assert.Empty(ps.Streams.Error);
        Assert.True(result.IsHealthy);

        var segment = Path.Combine(result.Path, "chunks", "000001");
        var bytes = File.ReadAllBytes(segment);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(segment, bytes);
        using var again = Run($"Test-ThanosBlock -Path '{result.Path}'");
        var broken = Assert.Single(again.Invoke<ThanosBlockTestResult>());
        Assert.False(broken.IsHealthy);
    }

    [Fact]
    public void AnOutputThatAlreadyHoldsTheResultIsAnError()
    {
        var output = _data.Combine("out");
        using (var first = Run($"Invoke-ThanosDownsample -Path '{_fourDays.Path}' -Resolution 5m -OutputDirectory '{output}'"))
        {
            Assert.Single(first.Invoke<ThanosBlock>());
        }
        using var ps = Run($"Invoke-ThanosDownsample -Path '{_fourDays.Path}' -Resolution 5m -OutputDirectory '{output}'");
        var error = ps.InvokeForError();
        Assert.Equal("DownsampledBlockExists,ThanosLab.Cmdlets.InvokeThanosDownsampleCommand", error.FullyQualifiedErrorId);
        Assert.Single(Directory.EnumerateDirectories(output));
    }

    [Fact]
    public void WhatIfWritesNothing()
    {
        var output = _data.Combine("out");
        using var ps = Run($"Invoke-ThanosDownsample -Path '{_data.Path}' -Resolution 5m -OutputDirectory '{output}' -WhatIf");
        Assert.Empty(ps.Invoke());
        Assert.Empty(ps.Streams.Error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ACorruptBlockIsAnErrorAndTheOthersGoOn()
    {
        var copy = _data.Combine("copy");
        var broken = BlockGenerator.Generate(BlockReaderTests.MixedSpec() with { MinTime = T0 - 10 }, _data.Path);
        File.WriteAllBytes(Path.Combine(broken.Path, "index"), new byte[] { 1, 2, 3 });
        using var ps = Run($"Invoke-ThanosDownsample -Path '{broken.Path}', '{_fourDays.Path}' -Resolution 5m -OutputDirectory '{copy}'");
        var blocks = ps.Invoke<ThanosBlock>();
        Assert.Single(blocks);
        var error = Assert.Single(ps.Streams.Error);
        Assert.Equal("CorruptBlock,ThanosLab.Cmdlets.InvokeThanosDownsampleCommand", error.FullyQualifiedErrorId);
        Assert.Single(Directory.EnumerateDirectories(copy));
    }
}
