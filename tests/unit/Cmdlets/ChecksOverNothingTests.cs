using System.Management.Automation;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>
/// The check cmdlets over nothing (issue 11, item 3): an empty pipeline, a directory without blocks,
/// an -Id that matches nothing or a failed step before the check must never read as a pass.
/// </summary>
public sealed class ChecksOverNothingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private PowerShell Session()
    {
        Directory.CreateDirectory(_dir.Combine("empty"));
        Directory.CreateDirectory(_dir.Combine("bucket"));
        var ps = PowerShellSession.Create();
        ps.AddScript($"$empty = '{_dir.Combine("empty")}'; $bucket = New-ThanosBucketConfig -FileSystem -Directory '{_dir.Combine("bucket")}'");
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        ps.Commands.Clear();
        return ps;
    }

    private static void AssertFalseWithWarning(PowerShell ps, string script, string warning)
    {
        ps.Commands.Clear();
        ps.Streams.ClearStreams();
        ps.AddScript(script);
        var result = ps.Invoke();
        Assert.Equal(new object[] { false }, result.Select(o => o.BaseObject));
        Assert.Contains(ps.Streams.Warning, w => w.Message.Contains(warning, StringComparison.Ordinal));
    }

    [Fact]
    public void TestThanosBlockOverNothingIsFalse()
    {
        using var ps = Session();
        AssertFalseWithWarning(ps, "@() | Test-ThanosBlock -Quiet", "No block was checked");
        AssertFalseWithWarning(ps, "Get-ThanosBlock -Path $empty | Test-ThanosBlock -Quiet", "No block was checked");
        // A path that does not exist is an error, and then nothing is left to check.
        AssertFalseWithWarning(ps, $"Test-ThanosBlock -Path '{_dir.Combine("nowhere")}' -Quiet -ErrorAction SilentlyContinue", "No block was checked");
    }

    [Fact]
    public void TestThanosBucketUploadOverNothingIsFalse()
    {
        using var ps = Session();
        AssertFalseWithWarning(ps, "Get-ThanosBlock -Path $empty | Test-ThanosBucketUpload -Bucket $bucket -Quiet", "No block was checked");
        AssertFalseWithWarning(ps, "Test-ThanosBucketUpload -Path $empty -Bucket $bucket -Quiet", "held no readable block");

        ps.Commands.Clear();
        ps.AddScript($"$null = New-ThanosBlockData -Profile continuous-30d-tiny -Label @{{cluster='one'}} -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory '{_dir.Combine("data")}'");
        ps.Invoke();
        AssertFalseWithWarning(ps, $"Get-ThanosBlock -Path '{_dir.Combine("data")}' -Id 01ARZ3NDEKTSV4RRFFQ69G5FAV | Test-ThanosBucketUpload -Bucket $bucket -Quiet", "No block was checked");

        // The result object too: a report over zero blocks has not passed.
        ps.Commands.Clear();
        ps.AddScript("Test-ThanosBucketUpload -Path $empty -Bucket $bucket -WarningAction SilentlyContinue");
        var report = Assert.Single(ps.Invoke<ThanosBucketUploadResult>());
        Assert.False(report.Passed);
        Assert.Empty(report.Blocks);
    }

    [Fact]
    public void PublishingNothingSaysSo()
    {
        using var ps = Session();
        ps.AddScript("Publish-ThanosBlock -Path $empty -Bucket $bucket -Label @{ cluster = 'eu1' }");
        Assert.Empty(ps.Invoke());
        Assert.Empty(ps.Streams.Error);
        Assert.Contains(ps.Streams.Warning, w => w.Message.StartsWith("No block to upload in", StringComparison.Ordinal));
    }

    [Fact]
    public void TestThanosEndpointOverNothingIsFalse()
    {
        using var ps = Session();
        AssertFalseWithWarning(ps, "@() | Test-ThanosEndpoint -Quiet", "No endpoint was checked");
    }
}
