using System.Management.Automation;
using ThanosLab.Engine;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Base of every ThanosLab cmdlet: owns the cancellation that Ctrl+C (StopProcessing) triggers
/// and turns engine exceptions into ErrorRecords with stable ids.
/// </summary>
public abstract class ThanosLabCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cts = new();

    protected CancellationToken Cancellation => _cts.Token;

    protected override void StopProcessing() => _cts.Cancel();

    /// <summary>Blocks the pipeline thread (which has no synchronization context) on engine work.</summary>
    protected T Await<T>(Task<T> task) => task.GetAwaiter().GetResult();

    protected void Await(Task task) => task.GetAwaiter().GetResult();

    protected void WriteEngineError(ThanosLabException e, object? target = null) =>
        WriteError(ErrorRecords.From(e, target));

    protected void ThrowEngineError(ThanosLabException e, object? target = null) =>
        ThrowTerminatingError(ErrorRecords.From(e, target));

    public void Dispose()
    {
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
