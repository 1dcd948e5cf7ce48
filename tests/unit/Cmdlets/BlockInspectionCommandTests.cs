using System.Management.Automation;
using ThanosLab.Engine.Generation;
using ThanosLab.Tests.Infrastructure;
using ThanosLab.Tests.Tsdb;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>Get-ThanosBlock and Test-ThanosBlock in process, on a data directory with blocks and non-blocks.</summary>
public sealed class BlockInspectionCommandTests : IDisposable
{
    private readonly TempDirectory _data = new("thanoslab-data-");
    private readonly GeneratedBlock[] _blocks;

    public BlockInspectionCommandTests()
    {
        var spec = BlockReaderTests.MixedSpec();
        _blocks = new[]
        {
            BlockGenerator.Generate(spec, _data.Path),
            BlockGenerator.Generate(spec with { MinTime = spec.MinTime - 10 }, _data.Path),
        };
        Directory.CreateDirectory(_data.Combine("wal"));
        Directory.CreateDirectory(_data.Combine("chunks_head"));
        Directory.CreateDirectory(_data.Combine("01ARZ3NDEKTSV4RRFFQ69G5FAV.tmp-for-creation"));
        Directory.CreateDirectory(_data.Combine("01ARZ3NDEKTSV4RRFFQ69G5FAW"));
        Directory.CreateDirectory(_data.Combine("not-a-block"));
        File.WriteAllText(_data.Combine("lock"), "");
    }

    public void Dispose() => _data.Dispose();

    private static PowerShell Run(string script) => PowerShellSession.Run(script);

    [Fact]
    public void GetListsBlocksAndSaysWhatItSkipped()
    {
        using var ps = Run($"Get-ThanosBlock -Path '{_data.Path}' -Verbose");
        var blocks = ps.Invoke<ThanosBlock>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(_blocks.Select(b => b.Meta.Id).Order(StringComparer.Ordinal), blocks.Select(b => b.Id));
        var first = blocks.Single(b => b.Id == _blocks[0].Meta.Id);
        Assert.Equal(_blocks[0].Path, first.Path);
        Assert.Equal(_blocks[0].SizeBytes, first.SizeBytes);
        Assert.Equal((long)_blocks[0].Meta.Stats.NumSamples, first.Samples);
        Assert.Equal("eu1", first.Labels["cluster"]);
        var verbose = string.Join("\n", ps.Streams.Verbose.Select(v => v.Message));
        Assert.Contains("wal': it is Prometheus' write-ahead log", verbose);
        Assert.Contains("chunks_head': it holds Prometheus' head chunks", verbose);
        Assert.Contains("tmp-for-creation': it is an unfinished block", verbose);
        Assert.Contains("01ARZ3NDEKTSV4RRFFQ69G5FAW': it has no meta.json", verbose);
        Assert.Contains("not-a-block': its name is not a ULID", verbose);
    }

    [Fact]
    public void GetFiltersByIdWildcardAndAcceptsABlockDirectory()
    {
        var id = _blocks[1].Meta.Id;
        using var ps = Run($"Get-ThanosBlock '{_data.Path}' -Id '{id[..20].ToLowerInvariant()}*'; Get-ThanosBlock -Path '{_blocks[0].Path}'");
        var blocks = ps.Invoke<ThanosBlock>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(new[] { id, _blocks[0].Meta.Id }, blocks.Select(b => b.Id));
    }

    [Fact]
    public void CorruptMetaJsonIsANonTerminatingErrorNamingTheFile()
    {
        var meta = Path.Combine(_blocks[0].Path, "meta.json");
        File.WriteAllText(meta, "{ nope");
        using var ps = Run($"Get-ThanosBlock -Path '{_data.Path}'");
        var blocks = ps.Invoke<ThanosBlock>();
        Assert.Equal(_blocks[1].Meta.Id, Assert.Single(blocks).Id);
        var error = Assert.Single(ps.Streams.Error);
        Assert.Equal("InvalidBlockMeta,ThanosLab.Cmdlets.GetThanosBlockCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains(meta, error.Exception.Message);
    }

    [Fact]
    public void GetReportsMissingPathsAndFiles()
    {
        using var ps = Run($"Get-ThanosBlock -Path '{_data.Combine("missing")}', '{_data.Combine("lock")}'");
        ps.Invoke();
        Assert.Equal(new[] { "PathNotFound,ThanosLab.Cmdlets.GetThanosBlockCommand", "DataDirectoryIsFile,ThanosLab.Cmdlets.GetThanosBlockCommand" },
            ps.Streams.Error.Select(e => e.FullyQualifiedErrorId));
    }

    [Fact]
    public void PipelineTestsEveryBlockHealthy()
    {
        using var ps = Run($"Get-ThanosBlock -Path '{_data.Path}' | Test-ThanosBlock");
        var results = ps.Invoke<ThanosBlockTestResult>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(2, results.Count);
        Assert.All(results, r =>
        {
            Assert.True(r.IsHealthy);
            Assert.Empty(r.Issues);
            Assert.Equal(7, r.SeriesChecked);
        });
        Assert.Equal(_blocks.Sum(b => (long)b.Meta.Stats.NumSamples), results.Sum(r => r.SamplesChecked));
        Assert.NotEmpty(ps.Streams.Progress);
    }

    [Fact]
    public void CorruptBlockIsAResultWithTheIssueNotAnError()
    {
        var segment = Path.Combine(_blocks[1].Path, "chunks", "000001");
        var bytes = File.ReadAllBytes(segment);
        bytes[20] ^= 0x01;
        File.WriteAllBytes(segment, bytes);
        using var ps = Run($"Test-ThanosBlock -Path '{Path.Combine(_data.Path, "0*")}'");
        var results = ps.Invoke<ThanosBlockTestResult>();
        Assert.Empty(ps.Streams.Error);
        // The wildcard also matches the ULID directory without meta.json and the unfinished block: unhealthy too.
        Assert.Equal(4, results.Count);
        Assert.Equal(3, results.Count(r => !r.IsHealthy));
        var bad = results.Single(r => r.Id == _blocks[1].Meta.Id);
        Assert.False(bad.IsHealthy);
        var issue = Assert.Single(bad.Issues, i => i.Message.Contains("chunk CRC32C mismatch"));
        Assert.Equal("chunks/000001", issue.File);
        Assert.Equal(8, issue.Offset);
        Assert.NotNull(issue.Series);
        Assert.True(results.Single(r => r.Id == _blocks[0].Meta.Id).IsHealthy);
    }

    [Fact]
    public void ParallelResultsComeInInputOrder()
    {
        var order = new[] { _blocks[1].Path, _blocks[0].Path, _blocks[1].Path, _blocks[0].Path };
        using var ps = Run($"{string.Join(", ", order.Select(p => $"'{p}'"))} | Test-ThanosBlock -ThrottleLimit 3");
        var results = ps.Invoke<ThanosBlockTestResult>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(order, results.Select(r => r.Path));
    }

    [Fact]
    public void StoppingEndsTheVerificationPromptly()
    {
        // Many copies of the same two blocks keep the verifier busy long enough to stop it midway.
        var paths = string.Join(", ", Enumerable.Repeat($"'{_blocks[0].Path}', '{_blocks[1].Path}'", 500));
        using var ps = PowerShellSession.Create();
        ps.AddScript($"{paths} | Test-ThanosBlock -ThrottleLimit 1");
        var run = ps.BeginInvoke();
        SpinWait.SpinUntil(() => ps.Streams.Progress.Count > 0, TimeSpan.FromMinutes(2));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ps.Stop();
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(run));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {clock.Elapsed}");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }

    [Fact]
    public void QuietReturnsOneBooleanForAllBlocks()
    {
        using (var ps = Run($"Test-ThanosBlock -Path '{_blocks[0].Path}', '{_blocks[1].Path}' -Quiet"))
        {
            Assert.Equal(new object[] { true }, ps.Invoke().Select(o => o.BaseObject));
        }
        Directory.Delete(Path.Combine(_blocks[1].Path, "chunks"), recursive: true);
        using (var ps = Run($"Test-ThanosBlock -Path '{_blocks[0].Path}', '{_blocks[1].Path}' -Quiet"))
        {
            Assert.Equal(new object[] { false }, ps.Invoke().Select(o => o.BaseObject));
        }
    }

    [Fact]
    public void TestReportsMissingPathsAsErrors()
    {
        using var ps = Run($"Test-ThanosBlock -Path '{_data.Combine("missing")}', '{_data.Combine("lock")}' -Quiet");
        Assert.Equal(new object[] { false }, ps.Invoke().Select(o => o.BaseObject));
        Assert.Equal(new[] { "PathNotFound,ThanosLab.Cmdlets.TestThanosBlockCommand", "BlockPathIsFile,ThanosLab.Cmdlets.TestThanosBlockCommand" },
            ps.Streams.Error.Select(e => e.FullyQualifiedErrorId));
        Assert.Equal(ErrorCategory.ObjectNotFound, ps.Streams.Error[0].CategoryInfo.Category);
    }
}
