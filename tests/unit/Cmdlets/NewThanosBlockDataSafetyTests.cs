using System.Diagnostics;
using System.Management.Automation;
using System.Text.Json;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>New-ThanosBlockData never adds overlapping blocks, never writes what cannot fit, and leaves nothing half-written.</summary>
public class NewThanosBlockDataSafetyTests
{
    private const string NewYear = "-MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z')";

    [Fact]
    public void WritingAPlanAgainIntoItsDirectoryIsRefusedNamingTheExistingBlocks()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"$p = Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{{cluster='one'}} {NewYear}; $first = $p | New-ThanosBlockData -OutputDirectory '{dir.Path}'; $first; $p | New-ThanosBlockData -OutputDirectory '{dir.Path}'");
        var blocks = ps.Invoke<ThanosBlock>();
        Assert.Equal(9, blocks.Count);
        Assert.Equal(9, Directory.GetDirectories(dir.Path).Length);
        Assert.Equal(9, ps.Streams.Error.Count);
        Assert.All(ps.Streams.Error, e =>
        {
            Assert.StartsWith("OverlappingBlocks,", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceExists, e.CategoryInfo.Category);
            Assert.Contains("-Force", e.ErrorDetails!.RecommendedAction);
        });
        // Each error names the one block of the first run that has the same range.
        foreach (var b in blocks)
        {
            Assert.Single(ps.Streams.Error, e => e.Exception.Message.Contains(b.Id, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void OtherLabelsAndAdjacentRangesAreNoOverlapAndForceWritesOverlapsOnPurpose()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"$p = Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{{cluster='one'}} {NewYear}; " +
            $"$p[0..3] | New-ThanosBlockData -OutputDirectory '{dir.Path}'; $p[4..8] | New-ThanosBlockData -OutputDirectory '{dir.Path}'; " +
            $"Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{{cluster='two'}} {NewYear} | New-ThanosBlockData -OutputDirectory '{dir.Path}'; " +
            $"$p[0] | New-ThanosBlockData -OutputDirectory '{dir.Path}' -Force");
        var blocks = ps.Invoke<ThanosBlock>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(9 + 9 + 1, blocks.Count);
        Assert.Equal(19, Directory.GetDirectories(dir.Path).Length);
    }

    [Fact]
    public void APlanGivenTwiceInOneRunIsWrittenOnce()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"$p = (Get-ThanosBlockPlan -Profile continuous-30d-tiny {NewYear})[0..1]; @($p) + @($p) | New-ThanosBlockData -OutputDirectory '{dir.Path}'");
        var blocks = ps.Invoke<ThanosBlock>();
        Assert.Equal(2, blocks.Count);
        Assert.Equal(2, ps.Streams.Error.Count);
        Assert.All(ps.Streams.Error, e => Assert.Contains("of this run", e.Exception.Message));
        Assert.Equal(2, Directory.GetDirectories(dir.Path).Length);
    }

    [Fact]
    public void APlanObjectGivenTooManyTargetsIsRefusedLikeTheParameter()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"$p = (Get-ThanosBlockPlan -Profile continuous-30d-tiny {NewYear})[0]; $p.Series[0].Targets = 2000000000; $p | New-ThanosBlockData -OutputDirectory '{dir.Path}'");
        ps.Invoke();
        var e = Assert.Single(ps.Streams.Error);
        Assert.StartsWith("InvalidTargetCount,", e.FullyQualifiedErrorId);
        Assert.Contains("1 to 1,000,000", e.Exception.Message);
        Assert.Empty(Directory.GetDirectories(dir.Path));
    }

    [Fact]
    public void APlanBeyondThisMachinesMemoryIsRefusedWithTheEstimateBeforeAnythingIsWritten()
    {
        using var dir = new TempDirectory();
        var output = dir.Combine("never");
        // One series scraped every millisecond for ten years: 315 billion samples, whose chunks the
        // writer would hold at once.
        var plan = dir.Combine("plan.yaml");
        File.WriteAllText(plan, "meta:\n  blockmeta:\n    mintime: 1388534400000\n    maxtime: 1704067200000\nseries:\n" +
            "- labels: {__name__: huge}\n  targets: 1\n  type: GAUGE\n  mintime: 1388534400000\n  maxtime: 1704067200000\n  scrapeInterval: 1ms\n  changeInterval: 1h\n  max: 2\n  min: 1\n");
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Get-ThanosBlockPlan -Path '{plan}' | New-ThanosBlockData -OutputDirectory '{output}'");
        var e = ps.InvokeForError();
        Assert.Equal("PlanTooLarge,ThanosLab.Cmdlets.NewThanosBlockDataCommand", e.FullyQualifiedErrorId);
        Assert.Contains("315,532,800,001 samples", e.Exception.Message);
        Assert.Contains("GiB of memory", e.Exception.Message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ALabelValueThatIsAHashtableIsRefusedNamingTheLabel()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"New-ThanosBlockData -Profile continuous-30d-tiny -Label @{{ c = @{{ a = 1 }} }} -OutputDirectory '{dir.Path}'");
        var e = ps.InvokeForError();
        Assert.StartsWith("LabelValueNotScalar,", e.FullyQualifiedErrorId);
        Assert.Contains("'c'", e.Exception.Message);
        Assert.Contains("hashtable", e.Exception.Message);
        Assert.Empty(Directory.GetDirectories(dir.Path));
    }

    [Theory]
    [InlineData("Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{ c = 1, 2 }", "list")]
    [InlineData("Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{ c = [pscustomobject]@{ a = 1 } }", "object")]
    [InlineData("Publish-ThanosBlock -Path . -Bucket (New-ThanosBucketConfig -FileSystem -Directory .) -Label @{ c = @{ a = 1 } }", "hashtable")]
    public void NonScalarLabelValuesAreRefusedWhereverLabelsAreTaken(string script, string kind)
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript(script);
        var e = ps.InvokeForError();
        Assert.Contains("'c'", e.Exception.Message);
        Assert.Contains(kind, e.Exception.Message);
    }

    [Fact]
    public void ScalarLabelValuesOtherThanStringsKeepTheirInvariantText()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("(Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label @{ replica = 1.5; on = $true })[0].Labels");
        var labels = ps.Invoke<System.Collections.Specialized.OrderedDictionary>().Single();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal("1.5", labels["replica"]);
        Assert.Equal("True", labels["on"]);
    }

    [SkippableFact]
    public async Task ValuesWhoseUtf16AndUtf8OrdersDifferGiveAHealthyBlockThatPrometheusFindsByExactMatch()
    {
        // U+E000..U+FFFF sort before emoji in UTF-8 (EE.. < F0..), after them in UTF-16 (E000 > D83D).
        // (Not U+FFFD: PromQL's lexer takes it for an invalid byte and refuses the query.)
        string[] glyphs = { "a\uE000", "a\U0001F600", "a\uFFFC", "a\U0001D11E", "a\uFB01z", "a" };
        using var dir = new TempDirectory();
        var plan = dir.Combine("plan.yaml");
        var series = string.Concat(glyphs.Select(g =>
            $"- labels:\n    __name__: utf8_order\n    glyph: \"{g}\"\n  targets: 2\n  type: GAUGE\n  mintime: 1704060000000\n  maxtime: 1704067200000\n  scrapeInterval: 15s\n  changeInterval: 1h\n  max: 2e+08\n  min: 1e+07\n  jitter: 3e+07\n"));
        File.WriteAllText(plan, "meta:\n  blockmeta:\n    mintime: 1704060000000\n    maxtime: 1704067200000\nseries:\n" + series);
        var output = dir.Combine("data");
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Get-ThanosBlockPlan -Path '{plan}' | New-ThanosBlockData -OutputDirectory '{output}' | Test-ThanosBlock");
        var result = Assert.Single(ps.Invoke<ThanosBlockTestResult>());
        Assert.Empty(ps.Streams.Error);
        Assert.True(result.IsHealthy, string.Join("; ", result.Issues.Select(i => i.ToString())));
        Assert.Equal(glyphs.Length * 2, result.SeriesChecked);

        using var prometheus = await PrometheusProcess.StartAsync(Directory.GetDirectories(output));
        using var http = new HttpClient { BaseAddress = prometheus.Endpoint, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var g in glyphs)
        {
            var query = $"utf8_order{{glyph=\"{g}\"}}";
            using var answer = await http.GetAsync($"api/v1/query?query={Uri.EscapeDataString(query)}&time=1704067000");
            var body = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.IsSuccessStatusCode, $"{query}: {body}");
            using var doc = JsonDocument.Parse(body);
            var found = doc.RootElement.GetProperty("data").GetProperty("result");
            Assert.True(found.GetArrayLength() == 2, $"{query}: {body}");
            Assert.All(found.EnumerateArray(), s => Assert.Equal(g, s.GetProperty("metric").GetProperty("glyph").GetString()));
        }
    }

    [SkippableFact]
    public void AFullDiskLeavesNoTemporaryDirectoryAndSaysTheDiskIsFull()
    {
        using var dir = new TempDirectory();
        var mount = dir.Combine("small");
        Directory.CreateDirectory(mount);
        Requires.Component(Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount) == 0, "mounting a 1 MiB tmpfs (needs root)");
        try
        {
            using var ps = PowerShellSession.Create();
            // A year of data is 5.7 MB: the 1 MiB file system fills during the big blocks.
            ps.AddScript($"New-ThanosBlockData -Profile continuous-365d-tiny {NewYear} -ThrottleLimit 1 -OutputDirectory '{mount}'");
            ps.Invoke();
            Assert.NotEmpty(ps.Streams.Error);
            Assert.All(ps.Streams.Error, e =>
            {
                Assert.StartsWith("DiskFull,", e.FullyQualifiedErrorId);
                Assert.Contains(mount, e.Exception.Message);
                Assert.Contains("disk is full", e.Exception.Message);
            });
            Assert.Empty(Directory.GetDirectories(mount, "*.tmp-for-creation"));
            Assert.All(Directory.GetDirectories(mount), d => Assert.True(File.Exists(Path.Combine(d, "meta.json")), d));
        }
        finally
        {
            // Lazily: a file a failing writer left open would otherwise keep the mount (and the test directory).
            Run("umount", "-l", mount);
        }
    }

    private static int Run(string tool, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
