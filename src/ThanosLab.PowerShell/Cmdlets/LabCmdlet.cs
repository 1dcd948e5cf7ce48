using System.Collections.Concurrent;
using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine;
using ThanosLab.Engine.Lab;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Base of the lab cmdlets: which runtime and lab they address, and running engine work on the
/// pool while its progress is written from the pipeline thread.
/// </summary>
public abstract class LabCmdlet : ThanosLabCmdlet
{
    public const string DefaultLab = "thanoslab";

    private string _lab = DefaultLab;

    /// <summary>The lab, i.e. the thanoslab.lab label and the default state folder's name.</summary>
    /// <remarks>A piped component joins its lab; one without a lab (null or empty) means the default lab.</remarks>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    [ValidateLabName]
    public string Lab
    {
        get => _lab;
        set => _lab = string.IsNullOrEmpty(value) ? DefaultLab : value;
    }

    /// <summary>The lab state folder (configs written for components, process pid files and logs).</summary>
    /// <remarks>Empty (as on piped Docker components) means the lab's default.</remarks>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? StatePath { get; set; }

    /// <summary>-StatePath resolved, or null for the lab's default.</summary>
    protected string? ResolvedStatePath => string.IsNullOrEmpty(StatePath) ? null : GetUnresolvedProviderPathFromPSPath(StatePath);

    protected LabStateDirectory State => new(ResolvedStatePath ?? LabStateDirectory.DefaultFor(Lab));

    protected IComponentRuntime CreateRuntime(string runtime, string? binaryPath = null) => runtime switch
    {
        "Process" => new ProcessRuntime(State, binaryPath is null ? null : GetUnresolvedProviderPathFromPSPath(binaryPath)),
        _ => new DockerRuntime(),
    };

    /// <summary>
    /// Runs <paramref name="work"/> on the pool and writes its progress here, on the pipeline
    /// thread; Ctrl+C cancels it and stops the pipeline.
    /// </summary>
    protected T RunWithProgress<T>(string activity, Func<IProgress<LabProgress>, Task<T>> work)
    {
        using var queue = new BlockingCollection<LabProgress>();
        var progress = new QueueProgress(queue);
        var task = Task.Run(async () =>
        {
            try
            {
                return await work(progress).ConfigureAwait(false);
            }
            finally
            {
                queue.CompleteAdding();
            }
        });
        var records = new Dictionary<string, ProgressRecord>();
        foreach (var p in queue.GetConsumingEnumerable())
        {
            if (!records.TryGetValue(p.Activity, out var record))
            {
                record = new ProgressRecord(1 + records.Count, p.Activity, activity);
                records[p.Activity] = record;
            }
            record.StatusDescription = p.Status.Length == 0 ? activity : p.Status;
            record.PercentComplete = p.Percent ?? -1;
            WriteProgress(record);
        }
        foreach (var record in records.Values)
        {
            record.RecordType = ProgressRecordType.Completed;
            WriteProgress(record);
        }
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    protected void RunWithProgress(string activity, Func<IProgress<LabProgress>, Task> work) =>
        RunWithProgress(activity, async p =>
        {
            await work(p).ConfigureAwait(false);
            return true;
        });

    /// <summary>Collects progress without a synchronization context: the pipeline thread drains it.</summary>
    private sealed class QueueProgress : IProgress<LabProgress>
    {
        private readonly BlockingCollection<LabProgress> _queue;
        private DateTime _last = DateTime.MinValue;

        public QueueProgress(BlockingCollection<LabProgress> queue) => _queue = queue;

        public void Report(LabProgress value)
        {
            // About four updates a second is all a progress bar can show.
            var now = DateTime.UtcNow;
            if (now - _last < TimeSpan.FromMilliseconds(250) || _queue.IsAddingCompleted) return;
            _last = now;
            _queue.TryAdd(value);
        }
    }

    /// <summary>Turns engine failures into this cmdlet's terminating error.</summary>
    protected T Guarded<T>(Func<T> call, object? target = null)
    {
        try
        {
            return call();
        }
        catch (ThanosLabException e)
        {
            ThrowEngineError(e, target);
            throw;
        }
    }
}
