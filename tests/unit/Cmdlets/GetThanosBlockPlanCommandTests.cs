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
}
