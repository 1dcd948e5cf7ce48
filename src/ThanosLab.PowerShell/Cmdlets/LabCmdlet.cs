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
    /// thread: one bar for <paramref name="activity"/>, and under it one per step the engine reports
    /// (an image pull, a readiness wait).
    /// </summary>
    protected T RunWithProgress<T>(string activity, Func<IProgress<LabProgress>, CancellationToken, Task<T>> work)
    {
        var parent = new ProgressRecord(ProgressId, activity, activity);
        var steps = new Dictionary<string, ProgressRecord>();
        try
        {
            return RunEngineWork((post, token) => work(new ThrottledProgress(post), token), message =>
            {
                var p = (LabProgress)message;
                if (steps.Count == 0) WriteProgress(parent);
                if (!steps.TryGetValue(p.Activity, out var record))
                {
                    record = new ProgressRecord(NewProgressId(), p.Activity, activity) { ParentActivityId = ProgressId };
                    steps[p.Activity] = record;
                }
                record.StatusDescription = p.Status.Length == 0 ? activity : p.Status;
                record.PercentComplete = p.Percent ?? -1;
                WriteProgress(record);
            });
        }
        finally
        {
            foreach (var record in steps.Values.Append(parent))
            {
                record.RecordType = ProgressRecordType.Completed;
                WriteProgress(record);
            }
        }
    }

    protected void RunWithProgress(string activity, Func<IProgress<LabProgress>, CancellationToken, Task> work) =>
        RunWithProgress(activity, async (p, token) =>
        {
            await work(p, token).ConfigureAwait(false);
            return true;
        });

    /// <summary>Posts about four updates a second, all a progress bar can show.</summary>
    private sealed class ThrottledProgress : IProgress<LabProgress>
    {
        private readonly Action<object> _post;
        private DateTime _last = DateTime.MinValue;

        public ThrottledProgress(Action<object> post) => _post = post;

        public void Report(LabProgress value)
        {
            var now = DateTime.UtcNow;
            if (now - _last < TimeSpan.FromMilliseconds(250)) return;
            _last = now;
            _post(value);
        }
    }
}
