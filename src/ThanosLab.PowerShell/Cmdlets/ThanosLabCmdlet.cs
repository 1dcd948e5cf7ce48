using System.Collections.Concurrent;
using System.Management.Automation;
using Microsoft.PowerShell.Commands;
using ThanosLab.Engine;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Base of every ThanosLab cmdlet: owns the cancellation that Ctrl+C (StopProcessing) triggers,
/// runs engine work off the pipeline thread, and is the one error boundary: whatever escapes a
/// cmdlet's <see cref="BeginProcessingCore"/>, <see cref="ProcessRecordCore"/> or
/// <see cref="EndProcessingCore"/> leaves as PipelineStoppedException (a cancel) or as an ErrorRecord
/// with a stable id, never as a bare .NET exception.
/// </summary>
public abstract class ThanosLabCmdlet : PSCmdlet, IDisposable
{
    private static int s_lastProgressId;

    private readonly CancellationTokenSource _cts = new();
    private readonly int _progressId = NewProgressId();
    private bool _yesToAll;
    private bool _noToAll;

    protected CancellationToken Cancellation => _cts.Token;

    /// <summary>
    /// What an unexpected failure names as its target: the input item being worked on, set by the
    /// cmdlet while it works on one.
    /// </summary>
    protected object? CurrentTarget { get; set; }

    /// <summary>
    /// This cmdlet instance's progress activity id, distinct from every other ThanosLab cmdlet's in
    /// the session, so two cmdlets of one pipeline never overwrite each other's progress bars.
    /// </summary>
    protected int ProgressId => _progressId;

    /// <summary>An id for a progress record nested under <see cref="ProgressId"/>.</summary>
    protected static int NewProgressId() => Interlocked.Increment(ref s_lastProgressId) & int.MaxValue;

    protected sealed override void BeginProcessing() => Guard(BeginProcessingCore);

    protected sealed override void ProcessRecord() => Guard(ProcessRecordCore);

    protected sealed override void EndProcessing() => Guard(EndProcessingCore);

    protected sealed override void StopProcessing() => _cts.Cancel();

    protected virtual void BeginProcessingCore()
    {
    }

    protected virtual void ProcessRecordCore()
    {
    }

    protected virtual void EndProcessingCore()
    {
    }

    private void Guard(Action step)
    {
        try
        {
            step();
        }
        catch (RuntimeException)
        {
            // PowerShell's own flow: terminating errors already made, PipelineStoppedException,
            // -ErrorAction Stop.
            throw;
        }
        catch (Exception e) when (IsCancellation(e))
        {
            throw new PipelineStoppedException();
        }
        catch (ThanosLabException e)
        {
            ThrowEngineError(e, CurrentTarget);
        }
        catch (Exception e)
        {
            var name = MyInvocation.MyCommand?.Name ?? GetType().Name;
            var message = $"{name} stopped on an unexpected {e.GetType().Name}, which is a ThanosLab defect; the exception is in this error's Exception.InnerException.";
            var record = new ErrorRecord(new InvalidOperationException(message, e), "UnexpectedFailure", ErrorCategory.NotSpecified, CurrentTarget)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Report it with the output of Get-Error; try again, and check the target named here." },
            };
            ThrowTerminatingError(record);
        }
    }

    /// <summary>A cancel this cmdlet asked for, alone or as every part of an aggregate.</summary>
    private bool IsCancellation(Exception e) => Cancellation.IsCancellationRequested &&
        (e is OperationCanceledException || e is AggregateException a && a.Flatten().InnerExceptions.All(x => x is OperationCanceledException));

    /// <summary>Blocks the pipeline thread (which has no synchronization context) on engine work.</summary>
    protected T Await<T>(Task<T> task) => task.GetAwaiter().GetResult();

    protected void Await(Task task) => task.GetAwaiter().GetResult();

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool while this, the pipeline thread, hands each
    /// message the work posts to <paramref name="onMessage"/>, since only the pipeline thread may call
    /// Write*. On every way out (the work ends or fails, <paramref name="onMessage"/> throws because a
    /// downstream Select-Object -First stopped the pipeline, Ctrl+C) the work is cancelled and awaited
    /// before this returns, so no upload, state write or callback outlives the command, and the work's
    /// own exception is always observed.
    /// </summary>
    protected T RunEngineWork<T>(Func<Action<object>, CancellationToken, Task<T>> work, Action<object> onMessage)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        using var messages = new BlockingCollection<object>();
        var token = stop.Token;
        void Post(object message)
        {
            // Once the consumer has left, the work is being cancelled and its messages have nowhere to go.
            if (token.IsCancellationRequested) return;
            try
            {
                messages.TryAdd(message);
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
            }
        }
        var worker = Task.Run(async () =>
        {
            try
            {
                return await work(Post, token).ConfigureAwait(false);
            }
            finally
            {
                messages.CompleteAdding();
            }
        }, CancellationToken.None);
        try
        {
            foreach (var message in messages.GetConsumingEnumerable(CancellationToken.None))
            {
                onMessage(message);
            }
            return worker.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            try
            {
                worker.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Observed here; when the work itself failed, GetResult above already threw it.
            }
        }
    }

    /// <summary>
    /// ShouldProcess for a change that cannot be undone, as ConfirmImpact High would ask for it on this
    /// call alone: after ShouldProcess (which handles -WhatIf and -Confirm) it asks once more unless
    /// <paramref name="force"/>, -Confirm:$false or $ConfirmPreference = 'None' says not to. A host
    /// that cannot ask ends the command with an error naming -Force.
    /// </summary>
    protected bool ShouldProcessIrreversible(string target, string action, string consequence, bool force)
    {
        if (!ShouldProcess(target, action)) return false;
        if (force || MyInvocation.BoundParameters.ContainsKey("Confirm")) return true;
        if (GetVariableValue("ConfirmPreference") is ConfirmImpact.None) return true;
        if (_noToAll) return false;
        if (_yesToAll) return true;
        try
        {
            return ShouldContinue($"{action} on {target}? {consequence}", action, ref _yesToAll, ref _noToAll);
        }
        catch (Exception e) when (e is PSInvalidOperationException or System.Management.Automation.Host.HostException or NotImplementedException)
        {
            ThrowTerminatingError(ErrorRecords.Create("ConfirmationRequired", ErrorCategory.InvalidOperation,
                $"{action} on {target} cannot be undone ({consequence}), and this host cannot ask for a confirmation.", target,
                "Add -Force (or -Confirm:$false) to go ahead without being asked."));
            return false;
        }
    }

    /// <summary>
    /// ShouldProcess for a cmdlet declared with ConfirmImpact High, where ShouldProcess itself asks
    /// (unless -Confirm:$false or $ConfirmPreference = 'None'); a host that cannot ask ends the command
    /// with an error naming -Confirm:$false instead of an unexpected failure.
    /// </summary>
    protected bool ShouldProcessHighImpact(string target, string action)
    {
        try
        {
            return ShouldProcess(target, action);
        }
        catch (Exception e) when (e is PSInvalidOperationException or System.Management.Automation.Host.HostException or NotImplementedException)
        {
            ThrowTerminatingError(ErrorRecords.Create("ConfirmationRequired", ErrorCategory.InvalidOperation,
                $"{action} on {target} cannot be undone, and this host cannot ask for a confirmation.", target,
                "Add -Confirm:$false to go ahead without being asked."));
            return false;
        }
    }

    protected void WriteEngineError(ThanosLabException e, object? target = null) =>
        WriteError(ErrorRecords.From(e, target));

    protected void ThrowEngineError(ThanosLabException e, object? target = null) =>
        ThrowTerminatingError(ErrorRecords.From(e, target));

    /// <summary>
    /// Resolves file system paths the one way every ThanosLab cmdlet does: -Path with wildcards, as
    /// Resolve-Path does; -LiteralPath (<paramref name="literal"/>) exactly as written. A path that
    /// does not exist, or one of another provider, is a non-terminating error.
    /// </summary>
    protected List<string> ResolveFileSystemPaths(IEnumerable<string> paths, bool literal = false)
    {
        var result = new List<string>();
        foreach (var path in paths)
        {
            try
            {
                ProviderInfo provider;
                var resolved = literal
                    ? new[] { SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _) }
                    : GetResolvedProviderPathFromPSPath(path, out provider).ToArray();
                if (provider.ImplementingType != typeof(FileSystemProvider))
                {
                    WriteError(ErrorRecords.Create("NotAFileSystemPath", ErrorCategory.InvalidArgument,
                        $"'{path}' is a {provider.Name} path; a file system path is expected.", path, "Give a path on disk."));
                    continue;
                }
                // A wildcard that matches nothing is as missing as a literal path that does not exist.
                if (resolved.Length == 0 || literal && !File.Exists(resolved[0]) && !Directory.Exists(resolved[0])) throw new ItemNotFoundException(path);
                result.AddRange(resolved);
            }
            catch (Exception e) when (e is ItemNotFoundException or System.Management.Automation.DriveNotFoundException)
            {
                WriteError(ErrorRecords.Create("PathNotFound", ErrorCategory.ObjectNotFound,
                    $"Cannot find path '{path}' because it does not exist.", path,
                    literal ? "Check the path; -LiteralPath takes it as written, without wildcards." : "Check the path; wildcards are allowed, and -LiteralPath takes a path with [ ] as written."));
            }
        }
        return result;
    }

    public void Dispose()
    {
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
