using System.Management.Automation;
using Microsoft.PowerShell.Commands;
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

    /// <summary>
    /// Resolves paths of the FileSystem provider, wildcards included, as Resolve-Path does. A literal
    /// path that does not exist, or a path of another provider, is a non-terminating error.
    /// </summary>
    protected List<string> ResolveFileSystemPaths(IEnumerable<string> paths)
    {
        var result = new List<string>();
        foreach (var path in paths)
        {
            try
            {
                var resolved = GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.ImplementingType != typeof(FileSystemProvider))
                {
                    WriteError(ErrorRecords.Create("NotAFileSystemPath", ErrorCategory.InvalidArgument,
                        $"'{path}' is a {provider.Name} path; a file system path is expected.", path, "Give a directory on disk."));
                    continue;
                }
                result.AddRange(resolved);
            }
            catch (Exception e) when (e is ItemNotFoundException or System.Management.Automation.DriveNotFoundException)
            {
                WriteError(ErrorRecords.Create("PathNotFound", ErrorCategory.ObjectNotFound,
                    $"Cannot find path '{path}' because it does not exist.", path, "Check the path; wildcards are allowed."));
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
