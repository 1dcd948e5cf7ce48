using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Lab;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Base of the cmdlets that act on existing components (Wait, Stop): take them from the pipeline
/// or by name, and find each again in its runtime so the action uses its current state.
/// </summary>
public abstract class ComponentTargetCmdlet : LabCmdlet
{
    protected const string ObjectSet = "Object";
    protected const string NameSet = "Name";

    [Parameter(Mandatory = true, ParameterSetName = ObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ThanosComponent[] InputObject { get; set; } = Array.Empty<ThanosComponent>();

    [Parameter(Mandatory = true, ParameterSetName = NameSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completion.ComponentNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true)]
    [ValidateSet("Docker", "Process")]
    public string Runtime { get; set; } = "Docker";

    /// <summary>The components addressed by this record, each with the runtime that holds it.</summary>
    protected IEnumerable<(ThanosComponent Target, IComponentRuntime Runtime, RunningComponent? Current)> Targets()
    {
        var targets = ParameterSetName == ObjectSet
            ? InputObject
            : Name.Select(n => new ThanosComponent { Name = n, Runtime = Runtime, Lab = Lab, StatePath = ResolvedStatePath });
        foreach (var target in targets)
        {
            IComponentRuntime runtime;
            RunningComponent? current;
            try
            {
                runtime = target.Runtime == "Process"
                    ? new ProcessRuntime(new LabStateDirectory(target.StatePath ?? LabStateDirectory.DefaultFor(target.Lab ?? Lab)))
                    : new DockerRuntime();
                current = Await(runtime.FindAsync(target.Name, Cancellation));
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, target);
                continue;
            }
            yield return (target, runtime, current);
        }
    }

    protected void WriteNotFound(ThanosComponent target) =>
        WriteError(ErrorRecords.Create("ComponentNotFound", ErrorCategory.ObjectNotFound,
            $"No {target.Runtime} component named '{target.Name}' was found.", target,
            "List the lab with Get-ThanosComponent."));
}
