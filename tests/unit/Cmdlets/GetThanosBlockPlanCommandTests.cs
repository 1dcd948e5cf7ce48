using System.Management.Automation;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

public class GetThanosBlockPlanCommandTests
{
    [Fact]
    public void EmitsThirteenPlansNewestFirstWithMillisecondBounds()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("Get-ThanosBlockPlan -Profile continuous-365d-tiny -Label @{cluster='eu1'} -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z')");
        var plans = ps.Invoke<ThanosBlockPlan>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(13, plans.Count);
        Assert.Equal(1704067200001, plans[0].MinTime.ToUnixTimeMilliseconds());
        Assert.Equal(1704074400000, plans[0].MaxTime.ToUnixTimeMilliseconds());
        Assert.Equal("eu1", plans[0].Labels["cluster"]);
        Assert.Equal(5, plans[0].SeriesCount);
        Assert.Equal(10_509_600, plans.Sum(p => p.SampleCount));
        Assert.True(plans.Zip(plans.Skip(1)).All(p => p.First.MinTime > p.Second.MinTime));
    }

    [Fact]
    public void UnknownProfileIsATerminatingErrorListingValidProfiles()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("Get-ThanosBlockPlan -Profile nope");
        var e = ps.InvokeForError();
        Assert.Equal("UnknownProfile,ThanosLab.Cmdlets.GetThanosBlockPlanCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains("continuous-365d-tiny", e.Exception.Message);
    }

    [Fact]
    public void FutureMaxTimeWarnsAboutRejectedScrapes()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("Get-ThanosBlockPlan -Profile continuous-30d-tiny -MaxTime 6h");
        var plans = ps.Invoke<ThanosBlockPlan>();
        Assert.Equal(9, plans.Count);
        var warning = Assert.Single(ps.Streams.Warning);
        Assert.Contains("future", warning.Message);
    }

    [Fact]
    public void DefaultMaxTimeDoesNotEndInTheFuture()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("Get-ThanosBlockPlan -Profile continuous-30d-tiny");
        var plans = ps.Invoke<ThanosBlockPlan>();
        Assert.Empty(ps.Streams.Warning);
        Assert.True(plans[0].MaxTime <= DateTimeOffset.UtcNow);
    }

    [Theory]
    [InlineData("@{'1bad'='x'}", "InvalidLabelName")]
    [InlineData("@{'__name__'='x'}", "ReservedExternalLabel")]
    [InlineData("@{cluster=''}", "InvalidLabelValue")]
    public void BadLabelsAreNamedInTheError(string labels, string errorId)
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Get-ThanosBlockPlan -Profile continuous-30d-tiny -Label {labels}");
        Assert.StartsWith(errorId + ",", ps.InvokeForError().FullyQualifiedErrorId);
    }

    [Fact]
    public void BadMaxTimeIsAParameterBindingError()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("Get-ThanosBlockPlan -Profile continuous-30d-tiny -MaxTime 'tomorrowish'");
        var e = ps.InvokeForError();
        Assert.StartsWith("ParameterArgumentTransformationError,", e.FullyQualifiedErrorId);
        Assert.Contains("tomorrowish", e.Exception.Message);
    }

    [Fact]
    public void ExportAndReadBackThroughThePipeline()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("plan.yaml");
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Get-ThanosBlockPlan -Profile realistic-k8s-30d-tiny -Label @{{cluster='eu1'}} -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') | Export-ThanosBlockPlan -Path '{file}'; Get-ThanosBlockPlan -Path '{file}'");
        var plans = ps.Invoke<ThanosBlockPlan>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(9, plans.Count);
        Assert.Equal(1704067200001, plans[0].MinTime.ToUnixTimeMilliseconds());
        Assert.Equal(15, plans[0].Series.Length);
        Assert.StartsWith("meta:\n  blockmeta:\n", File.ReadAllText(file));
    }

    [Fact]
    public void ExportRefusesToOverwriteWithoutForce()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("plan.yaml");
        File.WriteAllText(file, "keep me");
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Get-ThanosBlockPlan -Profile continuous-30d-tiny | Export-ThanosBlockPlan -Path '{file}'");
        Assert.StartsWith("PlanFileExists,", ps.InvokeForError().FullyQualifiedErrorId);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public void MissingPlanFileIsANonTerminatingError()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("Get-ThanosBlockPlan -Path /nonexistent/plan.yaml");
        ps.Invoke();
        var error = Assert.Single(ps.Streams.Error);
        Assert.StartsWith("PathNotFound,", error.FullyQualifiedErrorId);
    }

    private const string PlanHead = "meta:\n  blockmeta:\n    mintime: 1704060000000\n    maxtime: 1704067200000\nseries:\n";

    private static string Series(string targets = "1", string maxtime = "1704067200000", string scrape = "15s") =>
        $"- labels: {{__name__: m}}\n  targets: {targets}\n  type: GAUGE\n  mintime: 1704060000000\n  maxtime: {maxtime}\n  scrapeInterval: {scrape}\n  changeInterval: 1h\n  max: 2\n  min: 1\n";

    [Theory]
    [InlineData("2000000000")]
    [InlineData("5000000000")]
    public void PlanFileTargetsHaveTheBoundsOfTheTargetsParameter(string targets)
    {
        using var dir = new TempDirectory();
        var plan = dir.Combine("plan.yaml");
        File.WriteAllText(plan, PlanHead + Series(targets: targets));
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Get-ThanosBlockPlan -Path '{plan}'");
        var e = ps.InvokeForError();
        Assert.StartsWith("InvalidBlockPlan,", e.FullyQualifiedErrorId);
        Assert.Contains(targets, e.Exception.Message);
        Assert.Contains("1 to 1,000,000 targets", e.Exception.Message);
        Assert.Contains(plan, e.Exception.Message);
    }

    [Fact]
    public void APlanTimeOutOfRangeIsAnErrorForItsFileAndTheNextFilesAreStillRead()
    {
        using var dir = new TempDirectory();
        var bad = dir.Combine("bad.yaml");
        var good = dir.Combine("good.yaml");
        File.WriteAllText(bad, "meta:\n  blockmeta:\n    mintime: 0\n    maxtime: 9223372036854775807\nseries: []\n");
        File.WriteAllText(good, PlanHead + Series());
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Get-ThanosBlockPlan -Path '{bad}', '{good}'");
        var plans = ps.Invoke<ThanosBlockPlan>();
        var e = Assert.Single(ps.Streams.Error);
        Assert.StartsWith("InvalidBlockPlan,", e.FullyQualifiedErrorId);
        Assert.Contains("9223372036854775807", e.Exception.Message);
        Assert.Contains("253402300799999 (9999-12-31)", e.Exception.Message);
        Assert.Single(plans);
    }

    [Theory]
    [InlineData("maxtime: 9223372036854775807", "9223372036854775807")]
    [InlineData("scrapeInterval: 2562048h", "2562048h")]
    public void ASeriesValueOutOfRangeNamesTheValueAndTheRange(string setting, string value)
    {
        using var dir = new TempDirectory();
        var plan = dir.Combine("plan.yaml");
        var series = Series().Replace(setting.StartsWith("maxtime", StringComparison.Ordinal) ? "maxtime: 1704067200000" : "scrapeInterval: 15s", setting);
        File.WriteAllText(plan, PlanHead + series);
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Get-ThanosBlockPlan -Path '{plan}'");
        var e = ps.InvokeForError();
        Assert.StartsWith("InvalidBlockPlan,", e.FullyQualifiedErrorId);
        Assert.Contains(value, e.Exception.Message);
        Assert.Contains("range", e.Exception.Message);
    }

    [Fact]
    public void AMaxTimeBeyondTheDurationRangeNamesTheValueAndTheRange()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("Get-ThanosBlockPlan -Profile continuous-30d-tiny -MaxTime '-1000000d'");
        var e = ps.InvokeForError();
        Assert.Contains("-1000000d", e.Exception.Message);
        Assert.Contains("292 years", e.Exception.Message);
        Assert.IsNotType<ArgumentOutOfRangeException>(e.Exception.InnerException);
    }

    [Fact]
    public void AMaxTimeOffsetPastTheCalendarIsATimeOutOfRangeError()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("Get-ThanosBlockPlan -Profile continuous-30d-tiny -MaxTime ([TimeSpan]::MaxValue)");
        var e = ps.InvokeForError();
        Assert.StartsWith("TimeOutOfRange,", e.FullyQualifiedErrorId);
        Assert.Contains("9999-12-31", e.Exception.Message);
    }

    [Theory]
    [InlineData("-ScrapeInterval ([TimeSpan]::MaxValue)")]
    [InlineData("-ChangeInterval '10675199.02:48:05'")]
    public void ADurationBeyondGosRangeIsRefusedAtBinding(string parameter)
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Get-ThanosBlockPlan -Profile continuous-30d-tiny {parameter}");
        var e = ps.InvokeForError();
        Assert.Contains("292 years", e.Exception.Message);
    }

    [Fact]
    public void ASampleCountBeyondInt64SaturatesInsteadOfWrapping()
    {
        using var dir = new TempDirectory();
        var plan = dir.Combine("plan.yaml");
        File.WriteAllText(plan, PlanHead + Series(targets: "1000000", maxtime: "253402300799999", scrape: "1ms"));
        using var ps = PowerShellSession.Create();
        ps.AddScript($"(Get-ThanosBlockPlan -Path '{plan}').SampleCount");
        Assert.Equal(long.MaxValue, Assert.Single(ps.Invoke<long>()));
        Assert.Empty(ps.Streams.Error);
    }

    [Fact]
    public void APlanPathThatIsADirectoryIsSaidToBeOne()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Get-ThanosBlockPlan -Path '{dir.Path}'");
        var e = ps.InvokeForError();
        Assert.StartsWith("PlanFileIsDirectory,", e.FullyQualifiedErrorId);
        Assert.Contains("is a directory", e.Exception.Message);
    }

    [Fact]
    public void APlanFileLargerThanTheLimitIsRefusedUnread()
    {
        using var dir = new TempDirectory();
        var plan = dir.Combine("huge.yaml");
        using (var f = File.Create(plan))
        {
            f.SetLength(65L * 1024 * 1024);
        }
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Get-ThanosBlockPlan -Path '{plan}'");
        var e = ps.InvokeForError();
        Assert.StartsWith("PlanFileTooLarge,", e.FullyQualifiedErrorId);
        Assert.Contains(plan, e.Exception.Message);
        Assert.Contains("64 MiB", e.Exception.Message);
    }

    [Fact]
    public void ADeviceThatNeverEndsIsRefusedAtTheLimit()
    {
        Requires.Component(File.Exists("/dev/zero"), "a /dev/zero device");
        using var ps = PowerShellSession.Create();
        ps.AddScript("Import-ThanosConfig -Path /dev/zero");
        var e = ps.InvokeForError();
        Assert.StartsWith("ConfigFileTooLarge,", e.FullyQualifiedErrorId);
        Assert.Contains("/dev/zero", e.Exception.Message);
        Assert.Contains("4 MiB", e.Exception.Message);
    }
}
