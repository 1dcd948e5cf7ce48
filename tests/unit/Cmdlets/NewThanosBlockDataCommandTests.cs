using System.Management.Automation;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

public class NewThanosBlockDataCommandTests
{
    private const string NewYear = "-MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z')";

    [Fact]
    public void PlansFromThePipelineBecomeBlocks()
    {
        using var dir = new TempDirectory();
        var output = dir.Combine("new", "blocks");
        using var ps = PowerShellSession.Create();
        ps.AddScript($"(Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{{cluster='one'}} {NewYear})[0..3] | New-ThanosBlockData -OutputDirectory '{output}' -ThrottleLimit 2");
        var blocks = ps.Invoke<ThanosBlock>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(4, blocks.Count);
        Assert.Equal(2400 * 3 + 9600, blocks.Sum(b => b.Samples));
        Assert.All(blocks, b =>
        {
            Assert.Equal(5, b.Series);
            Assert.Equal("one", b.Labels["cluster"]);
            Assert.Equal("blockgen", b.Source);
            Assert.Equal(1, b.Level);
            Assert.True(Directory.Exists(b.Path));
            Assert.Equal(Path.Combine(output, b.Id), b.Path);
            Assert.Equal(new DirectoryInfo(b.Path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length), b.SizeBytes);
        });
        Assert.Contains(blocks, b => b.MinTime == DateTimeOffset.FromUnixTimeMilliseconds(1704067215001) && b.MaxTime == DateTimeOffset.FromUnixTimeMilliseconds(1704074400002));
        Assert.Equal(4, Directory.GetDirectories(output).Length);
        Assert.NotEmpty(ps.Streams.Progress);
    }

    // ThanosBlockFault mirrors the engine's BlockFault and is mapped by name.
    [Fact]
    public void FaultNamesMatchTheEngine() =>
        Assert.Equal(Enum.GetNames<ThanosLab.Engine.Generation.BlockFault>(), Enum.GetNames<ThanosBlockFault>());

    [Fact]
    public void FaultWritesEachBlockWithTheDefectThatTestThanosBlockNames()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"(Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{{cluster='one'}} {NewYear})[0..1] | New-ThanosBlockData -OutputDirectory '{dir.Path}' -Fault DuplicateSeries | Test-ThanosBlock");
        var results = ps.Invoke<ThanosBlockTestResult>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(2, results.Count);
        Assert.All(results, r =>
        {
            Assert.False(r.IsHealthy);
            Assert.Contains(r.Issues, i => i.Message.Contains("not after the previous series in label-set order", StringComparison.Ordinal));
            Assert.Equal(6, r.SeriesChecked);
        });
    }

    [Fact]
    public void AFaultThatABlockCannotHoldIsRefusedForThatBlockAndTheOthersAreWritten()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        // At one sample an hour a 2 h block has one chunk per series: no second chunk to put out of order.
        ps.AddScript($"New-ThanosBlockData -Profile continuous-30d-tiny {NewYear} -ScrapeInterval '1h' -OutputDirectory '{dir.Path}' -Fault OutOfOrderChunks");
        var blocks = ps.Invoke<ThanosBlock>();
        Assert.NotEmpty(blocks);
        Assert.All(blocks, b => Assert.True(b.MaxTime - b.MinTime > TimeSpan.FromHours(120)));
        Assert.NotEmpty(ps.Streams.Error);
        Assert.All(ps.Streams.Error, e =>
        {
            Assert.StartsWith("FaultNotApplicable,", e.FullyQualifiedErrorId);
            Assert.Contains("needs a series with two chunks", e.ToString());
        });
        Assert.Equal(blocks.Count, Directory.GetDirectories(dir.Path).Length);
    }

    [Fact]
    public void AFaultInAHistogramPlanIsRefusedAndNothingIsWritten()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"(Get-ThanosBlockPlan -Profile continuous-30d-tiny -SeriesType Histogram {NewYear})[0] | New-ThanosBlockData -OutputDirectory '{dir.Path}' -Fault OutOfOrderChunks");
        var blocks = ps.Invoke<ThanosBlock>();
        Assert.Empty(blocks);
        var error = Assert.Single(ps.Streams.Error);
        Assert.StartsWith("FaultNotApplicable,", error.FullyQualifiedErrorId);
        Assert.Contains("float series only", error.ToString());
        Assert.Contains("Histogram", error.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void ProfileParametersAndOverridesWorkDirectly()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"New-ThanosBlockData -Profile continuous-1w-small {NewYear} -Targets 2 -MetricsPerTarget 3 -ScrapeInterval '30s' -SeriesType Counter -OutputDirectory '{dir.Path}'");
        var blocks = ps.Invoke<ThanosBlock>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(9, blocks.Count);
        Assert.All(blocks, b => Assert.Equal(6, b.Series));
        // A 2h block at 30s scrapes: 240 samples per series.
        Assert.Equal(4, blocks.Count(b => b.Samples == 6 * 240));
    }

    [Fact]
    public void ParallelWritingGivesTheSameBytesAsSequentialWriting()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"$p = Get-ThanosBlockPlan -Profile continuous-30d-tiny {NewYear}; $p | New-ThanosBlockData -OutputDirectory '{dir.Combine("one")}' -ThrottleLimit 1; $p | New-ThanosBlockData -OutputDirectory '{dir.Combine("four")}' -ThrottleLimit 4");
        var blocks = ps.Invoke<ThanosBlock>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(18, blocks.Count);
        static string Content(ThanosBlock b) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            File.ReadAllBytes(Path.Combine(b.Path!, "index")).Concat(File.ReadAllBytes(Path.Combine(b.Path!, "chunks", "000001"))).ToArray()));
        var sequential = blocks.Take(9).Select(b => (b.MinTime, Content(b))).OrderBy(x => x.MinTime);
        var parallel = blocks.Skip(9).Select(b => (b.MinTime, Content(b))).OrderBy(x => x.MinTime);
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void WhatIfWritesNothing()
    {
        using var dir = new TempDirectory();
        var output = dir.Combine("never");
        using var ps = PowerShellSession.Create();
        ps.AddScript($"New-ThanosBlockData -Profile continuous-30d-tiny -OutputDirectory '{output}' -WhatIf");
        Assert.Empty(ps.Invoke());
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void StoppingLeavesNoTemporaryDirectory()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"New-ThanosBlockData -Profile continuous-1w-1series-10000apps {NewYear} -OutputDirectory '{dir.Path}' -ThrottleLimit 2");
        var run = ps.BeginInvoke();
        SpinWait.SpinUntil(() => ps.Streams.Progress.Count > 0, TimeSpan.FromMinutes(2));
        ps.Stop();
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(run));
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.DoesNotContain(Directory.GetDirectories(dir.Path), d => d.EndsWith(".tmp-for-creation", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-Profile nope", "UnknownProfile")]
    [InlineData("-Profile continuous-30d-tiny -Label @{'1bad'='x'}", "InvalidLabelName")]
    [InlineData("-Profile continuous-30d-tiny -Label @{cluster=''}", "InvalidLabelValue")]
    [InlineData("-Profile continuous-30d-tiny -Label @{'__name__'='x'}", "ReservedExternalLabel")]
    [InlineData("-Profile continuous-30d-tiny -ScrapeInterval '0s'", "InvalidScrapeInterval")]
    [InlineData("-Profile continuous-30d-tiny -ScrapeInterval '-15s'", "ParameterArgumentTransformationError")]
    [InlineData("-Profile continuous-30d-tiny -ChangeInterval '0s'", "InvalidChangeInterval")]
    [InlineData("-Profile continuous-30d-tiny -MaxTime ([DateTimeOffset]'1970-01-01T00:00:00Z')", "MaxTimeOutOfRange")]
    [InlineData("-Profile continuous-30d-tiny -SeriesType Summary", "ParameterArgumentValidationError")]
    public void BadInputIsNamedInTheError(string arguments, string errorId)
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"New-ThanosBlockData {arguments} -OutputDirectory '{dir.Path}'");
        var e = ps.InvokeForError();
        Assert.StartsWith(errorId + ",", e.FullyQualifiedErrorId);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void ABareDurationLiteralIsRefusedWithAHintToQuoteIt()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"New-ThanosBlockData -Profile continuous-30d-tiny -ScrapeInterval 30s -OutputDirectory '{dir.Path}'");
        var e = ps.InvokeForError();
        Assert.StartsWith("ParameterArgumentTransformationError,", e.FullyQualifiedErrorId);
        Assert.Contains("Int16 30", e.Exception.Message);
        Assert.Contains("'15s'", e.Exception.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void AnOutputDirectoryThatIsAFileIsRefused()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("a-file");
        File.WriteAllText(file, "keep me");
        using var ps = PowerShellSession.Create();
        ps.AddScript($"New-ThanosBlockData -Profile continuous-30d-tiny -OutputDirectory '{file}'");
        var e = ps.InvokeForError();
        Assert.StartsWith("OutputDirectoryIsFile,", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains(file, e.Exception.Message);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public void AnUnwritableOutputDirectoryIsRefused()
    {
        // Tests may run as root, which ignores permission bits; /proc refuses new entries for everyone.
        Requires.Component(Directory.Exists("/proc/self"), "a Linux /proc file system");
        using var ps = PowerShellSession.Create();
        ps.AddScript("New-ThanosBlockData -Profile continuous-30d-tiny -OutputDirectory /proc/self/thanoslab-blocks");
        var e = ps.InvokeForError();
        Assert.StartsWith("OutputDirectoryNotWritable,", e.FullyQualifiedErrorId);
        Assert.Contains("/proc/self/thanoslab-blocks", e.Exception.Message);
    }

    [Fact]
    public void AnInvalidPlanObjectIsANonTerminatingError()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"$p = (Get-ThanosBlockPlan -Profile continuous-30d-tiny {NewYear})[0..1]; $p[0].Labels['__name__'] = 'x'; $p | New-ThanosBlockData -OutputDirectory '{dir.Path}'");
        var blocks = ps.Invoke<ThanosBlock>();
        var error = Assert.Single(ps.Streams.Error);
        Assert.StartsWith("ReservedExternalLabel,", error.FullyQualifiedErrorId);
        Assert.Single(blocks);
    }
}
