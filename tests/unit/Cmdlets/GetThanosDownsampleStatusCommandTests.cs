using System.Management.Automation;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>
/// Get-ThanosDownsampleStatus in process on a directory bucket holding the generated year
/// (continuous-365d-tiny, 13 raw blocks), part of it downsampled with Invoke-ThanosDownsample and published.
/// </summary>
public sealed class GetThanosDownsampleStatusCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// $raw holds the 13 raw blocks oldest first; $raw[4] (67 days) is downsampled to 5m and that to 1h,
    /// $raw[8] (176 h) to 5m only; $raw[7] gets a no-downsample mark, $raw[6] a deletion mark.
    /// </summary>
    private PowerShell Session()
    {
        var bucketDir = _dir.Combine("bucket");
        Directory.CreateDirectory(bucketDir);
        var ps = PowerShellSession.Create();
        ps.AddScript($"$bucket = New-ThanosBucketConfig -FileSystem -Directory '{bucketDir}'; $data = '{_dir.Combine("data")}'; $ds = '{_dir.Combine("ds")}'; " +
            "$null = New-ThanosBlockData -Profile continuous-365d-tiny -Label @{cluster='eu1'} -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $data; " +
            "Get-ThanosBlock -Path $data");
        ps.Runspace.SessionStateProxy.SetVariable("raw", ps.Invoke<ThanosBlock>().OrderBy(b => b.MinTime).ToArray());
        ps.Commands.Clear();
        ps.AddScript("$raw[4], $raw[8] | Invoke-ThanosDownsample -Resolution 5m -OutputDirectory $ds");
        ps.Runspace.SessionStateProxy.SetVariable("five", ps.Invoke<ThanosBlock>().OrderBy(b => b.MinTime).ToArray());
        ps.Commands.Clear();
        ps.AddScript("$hour = @($five[0] | Invoke-ThanosDownsample -Resolution 1h -OutputDirectory $ds); " +
            "$null = Publish-ThanosBlock -Path $data -Bucket $bucket -Label @{cluster='eu1'}; " +
            "$null = Publish-ThanosBlock -Path $ds -Bucket $bucket -Label @{cluster='eu1'}; " +
            "$null = $raw[7] | Set-ThanosBlockMark -Bucket $bucket -Kind NoDownsample; " +
            "$null = $raw[6] | Set-ThanosBlockMark -Bucket $bucket -Kind Deletion -Force");
        ps.Invoke();
        Assert.True(ps.Streams.Error.Count == 0, string.Join("\n", ps.Streams.Error.Select(e => e.ToString())));
        ps.Commands.Clear();
        return ps;
    }

    private static T[] Var<T>(PowerShell ps, string name) =>
        ((IEnumerable<object>)ps.Runspace.SessionStateProxy.GetVariable(name)).Select(o => (T)(o is PSObject p ? p.BaseObject : o)).ToArray();

    [Fact]
    public void EachRawAnd5mBlockHasItsStatusAndReason()
    {
        using var ps = Session();
        var raw = Var<ThanosBlock>(ps, "raw").Select(b => b.Id).ToArray();
        var five = Var<ThanosBlock>(ps, "five").Select(b => b.Id).ToArray();
        var hour = Var<ThanosBlock>(ps, "hour").Single().Id;
        Assert.Equal(13, raw.Length);
        Assert.Equal(2, five.Length);

        // A deletion mark older than half the delete delay hides the block from the compactor: 0s makes every mark that old.
        ps.AddScript("Get-ThanosDownsampleStatus -Bucket $bucket -DeleteDelay '0s'");
        var statuses = ps.Invoke<ThanosDownsampleStatus>().ToDictionary(s => s.Id);
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(15, statuses.Count);
        Assert.DoesNotContain(hour, statuses.Keys);

        foreach (var i in new[] { 0, 1, 2, 3, 5 })
        {
            Assert.Equal(ThanosDownsampleState.Eligible, statuses[raw[i]].Status);
            Assert.Null(statuses[raw[i]].Reason);
            Assert.Equal(1, statuses[raw[i]].MissingSources);
        }
        Assert.Equal(ThanosDownsampleState.Downsampled, statuses[raw[4]].Status);
        Assert.Equal(new[] { five[0] }, statuses[raw[4]].DownsampledTo);
        Assert.Equal(ThanosDownsampleState.Downsampled, statuses[raw[8]].Status);
        Assert.Equal(new[] { five[1] }, statuses[raw[8]].DownsampledTo);
        Assert.Equal(ThanosDownsampleState.Downsampled, statuses[five[0]].Status);
        Assert.Equal(new[] { hour }, statuses[five[0]].DownsampledTo);
        Assert.Equal(TimeSpan.FromMinutes(5), statuses[five[0]].Resolution);
        Assert.Equal(TimeSpan.FromHours(1), statuses[five[0]].TargetResolution);

        Assert.Equal(ThanosDownsampleState.NotEligible, statuses[raw[6]].Status);
        Assert.Contains("deletion mark", statuses[raw[6]].Reason);
        Assert.Equal(ThanosDownsampleState.NotEligible, statuses[raw[7]].Status);
        Assert.Contains("no-downsample-mark.json", statuses[raw[7]].Reason);
        foreach (var i in new[] { 9, 10, 11, 12 })
        {
            Assert.Equal(ThanosDownsampleState.NotEligible, statuses[raw[i]].Status);
            Assert.Contains("from 40 h", statuses[raw[i]].Reason);
        }
        Assert.Equal(ThanosDownsampleState.NotEligible, statuses[five[1]].Status);
        Assert.Contains("176 h", statuses[five[1]].Reason);
        Assert.Contains("from 240 h", statuses[five[1]].Reason);
    }

    [Fact]
    public void AFreshDeletionMarkLeavesTheBlockEligibleAsForThanosAndTheDoctorAgrees()
    {
        using var ps = Session();
        var raw = Var<ThanosBlock>(ps, "raw").Select(b => b.Id).ToArray();
        ps.AddScript("Get-ThanosDownsampleStatus -Bucket $bucket");
        var statuses = ps.Invoke<ThanosDownsampleStatus>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(ThanosDownsampleState.Eligible, statuses.Single(s => s.Id == raw[6]).Status);

        ps.Commands.Clear();
        ps.AddScript("Test-ThanosBucket -Bucket $bucket | Where-Object Kind -eq MissingDownsample");
        var missing = ps.Invoke<ThanosBucketFinding>().SelectMany(f => f.Id).Order(StringComparer.Ordinal);
        Assert.Equal(statuses.Where(s => s.Status == ThanosDownsampleState.Eligible).Select(s => s.Id).Order(StringComparer.Ordinal), missing);
    }

    [Fact]
    public void AnEmptyBucketWarnsAndANegativeDelayIsRefused()
    {
        Directory.CreateDirectory(_dir.Combine("empty"));
        using var ps = PowerShellSession.Create();
        ps.AddScript($"$bucket = New-ThanosBucketConfig -FileSystem -Directory '{_dir.Combine("empty")}'; Get-ThanosDownsampleStatus -Bucket $bucket");
        Assert.Empty(ps.Invoke());
        Assert.Contains("nothing to downsample", Assert.Single(ps.Streams.Warning).Message);
        ps.Commands.Clear();
        ps.AddScript("Get-ThanosDownsampleStatus -Bucket $bucket -DeleteDelay ([TimeSpan]::FromHours(-1))");
        var error = ps.InvokeForError();
        Assert.Equal("InvalidDeleteDelay", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("-01:00:00", error.Exception.Message);
    }

    [Fact]
    public void StatusNamesMatchTheEngine() =>
        Assert.Equal(Enum.GetNames<ThanosLab.Engine.Objstore.Doctor.DownsampleState>(), Enum.GetNames<ThanosDownsampleState>());
}
