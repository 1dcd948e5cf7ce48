using System.Management.Automation;
using ThanosLab.Cmdlets;
using ThanosLab.Engine;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>
/// The contract every ThanosLab cmdlet inherits from ThanosLabCmdlet: engine work never outlives the
/// command, and nothing leaves a cmdlet as a bare .NET exception. The probe cmdlets below exist only in
/// this test assembly; they stand for any cmdlet, since the behaviour is the base class's.
/// </summary>
public class CmdletBaseTests
{
    [Fact]
    public void AnUnexpectedExceptionBecomesAnErrorRecordWithAStableIdAndTheTarget()
    {
        using var ps = Session();
        ps.AddScript("'input-7' | Invoke-FailingProbe -Failure IO");
        var e = ps.InvokeForError();
        Assert.Equal("UnexpectedFailure,ThanosLab.Tests.Cmdlets.InvokeFailingProbeCommand", e.FullyQualifiedErrorId);
        Assert.Equal("input-7", e.TargetObject);
        Assert.Contains("Invoke-FailingProbe stopped on an unexpected IOException", e.ErrorDetails.Message);
        Assert.DoesNotContain("disk on fire", e.ErrorDetails.Message);
        Assert.IsType<IOException>(e.Exception.InnerException);
    }

    [Fact]
    public void AnEngineErrorKeepsItsIdAndCategory()
    {
        using var ps = Session();
        ps.AddScript("'input-8' | Invoke-FailingProbe -Failure Engine");
        var e = ps.InvokeForError();
        Assert.Equal("ProbeRefused,ThanosLab.Tests.Cmdlets.InvokeFailingProbeCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
        Assert.Equal("input-8", e.TargetObject);
    }

    [Fact]
    public void AWorkerFailureAfterMessagesIsReportedNotLost()
    {
        using var ps = Session();
        ps.AddScript("Invoke-WorkProbe -FailAfter 3");
        var e = ps.InvokeForError();
        Assert.Equal("UnexpectedFailure,ThanosLab.Tests.Cmdlets.InvokeWorkProbeCommand", e.FullyQualifiedErrorId);
        Assert.IsType<FormatException>(e.Exception.InnerException);
    }

    [Fact]
    public void ADownstreamSelectFirstCancelsAndAwaitsTheWorkBeforeTheCommandReturns()
    {
        WorkProbeLog.Reset();
        using var ps = Session();
        ps.AddScript("Invoke-WorkProbe | Select-FirstProbe -Count 2");
        var output = ps.Invoke();
        Assert.Equal(new object[] { 0, 1 }, output.Select(o => o.BaseObject).ToArray());
        // The work saw the cancel and finished its clean-up before Invoke returned.
        Assert.True(WorkProbeLog.Cancelled);
        Assert.True(WorkProbeLog.CleanedUp);
    }

    [Fact]
    public void StopCancelsTheWorkAndEndsAsAStoppedPipeline()
    {
        WorkProbeLog.Reset();
        using var ps = Session();
        ps.AddScript("Invoke-WorkProbe");
        var async = ps.BeginInvoke();
        Assert.True(WorkProbeLog.Started.Wait(TimeSpan.FromSeconds(30)));
        ps.Stop();
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(async));
        Assert.True(WorkProbeLog.Cancelled);
        Assert.True(WorkProbeLog.CleanedUp);
    }

    [Fact]
    public void TwoCmdletsOfOnePipelineNeverShareAProgressId()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"New-ThanosBlockData -Profile continuous-30d-tiny -MaxTime '2026-01-01T00:00:00Z' -OutputDirectory '{dir.Path}' | Test-ThanosBlock");
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        var ids = ps.Streams.Progress.GroupBy(p => p.Activity).ToDictionary(g => g.Key, g => g.Select(p => p.ActivityId).Distinct().Single());
        Assert.Equal(2, ids.Count);
        Assert.NotEqual(ids["Generating TSDB blocks"], ids["Verifying TSDB blocks"]);
    }

    private static PowerShell Session() => PowerShellSession.Create(typeof(InvokeFailingProbeCommand), typeof(InvokeWorkProbeCommand), typeof(SelectFirstProbeCommand));
}

[Cmdlet(VerbsLifecycle.Invoke, "FailingProbe")]
public sealed class InvokeFailingProbeCommand : ThanosLabCmdlet
{
    [Parameter(ValueFromPipeline = true)]
    public string Item { get; set; } = "";

    [Parameter]
    public string Failure { get; set; } = "IO";

    protected override void ProcessRecordCore()
    {
        CurrentTarget = Item;
        throw Failure == "Engine"
            ? new ThanosLabException(ErrorKind.InvalidData, "ProbeRefused", "The probe refuses.", Item)
            : new IOException("disk on fire");
    }
}

/// <summary>Posts a number every 20 ms until cancelled; on the way out it takes its time to clean up.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "WorkProbe")]
public sealed class InvokeWorkProbeCommand : ThanosLabCmdlet
{
    [Parameter]
    public int FailAfter { get; set; } = -1;

    protected override void EndProcessingCore() =>
        RunEngineWork<bool>(async (post, token) =>
        {
            try
            {
                WorkProbeLog.Started.Set();
                for (var i = 0; ; i++)
                {
                    if (i == FailAfter) throw new FormatException("worker failed");
                    post(i);
                    await Task.Delay(20, token);
                }
            }
            catch (OperationCanceledException)
            {
                WorkProbeLog.Cancelled = true;
                throw;
            }
            finally
            {
                await Task.Delay(300, CancellationToken.None);
                WorkProbeLog.CleanedUp = true;
            }
        }, WriteObject);
}

/// <summary>
/// Stops the pipeline from downstream after <see cref="Count"/> items, as Select-Object -First does
/// (which this host does not load; its StopUpstreamCommandsException is internal, and derives from
/// PipelineStoppedException, which reaches the upstream cmdlet's WriteObject the same way).
/// </summary>
[Cmdlet(VerbsCommon.Select, "FirstProbe")]
public sealed class SelectFirstProbeCommand : PSCmdlet
{
    private int _seen;

    [Parameter(ValueFromPipeline = true)]
    public object? InputObject { get; set; }

    [Parameter]
    public int Count { get; set; }

    protected override void ProcessRecord()
    {
        WriteObject(InputObject);
        if (++_seen == Count) throw new PipelineStoppedException();
    }
}

public static class WorkProbeLog
{
    public static ManualResetEventSlim Started { get; private set; } = new();

    public static volatile bool Cancelled;

    public static volatile bool CleanedUp;

    public static void Reset()
    {
        Started = new ManualResetEventSlim();
        Cancelled = false;
        CleanedUp = false;
    }
}
