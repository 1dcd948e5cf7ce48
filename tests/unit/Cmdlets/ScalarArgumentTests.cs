using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>Values that must be one value refuse hashtables and lists, whichever cmdlet takes them.</summary>
public class ScalarArgumentTests
{
    [Theory]
    [InlineData("@{ Name = @{ a = 1 }; Targets = '127.0.0.1:9090' }", "scrape job Name", "hashtable")]
    [InlineData("@{ Name = 'p'; Targets = @{ a = 1 } }", "scrape job Targets", "hashtable")]
    [InlineData("@{ Name = 'p'; Targets = '127.0.0.1:9090', @('a', 'b') }", "scrape job target", "list")]
    [InlineData("@{ Name = 'p'; Targets = '127.0.0.1:9090'; MetricsPath = @('/a') }", "scrape job MetricsPath", "list")]
    public void ScrapeJobValuesThatAreNotOneValueAreRefusedNamingTheKey(string job, string what, string kind)
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript($"New-ThanosPrometheusConfig -ScrapeJob {job}");
        var e = ps.InvokeForError();
        Assert.StartsWith("InvalidScrapeJob,", e.FullyQualifiedErrorId);
        Assert.Contains(what, e.Exception.Message);
        Assert.Contains($"not a {kind}", e.Exception.Message);
        Assert.DoesNotContain("System.Collections.Hashtable'", e.Exception.Message);
    }

    [Fact]
    public void ScrapeJobTargetsStillTakeStringsAndLists()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("(New-ThanosPrometheusConfig -ScrapeJob @{ Name = 'p'; Targets = '127.0.0.1:9090', '127.0.0.1:9091' }).ScrapeJobs[0].Targets");
        Assert.Equal(new[] { "127.0.0.1:9090", "127.0.0.1:9091" }, ps.Invoke<string>());
        Assert.Empty(ps.Streams.Error);
    }
}
