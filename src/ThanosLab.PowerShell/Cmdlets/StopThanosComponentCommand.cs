using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine;
using ThanosLab.Engine.Lab;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Stops and removes components (container or process, and the thanoslab network once unused).
/// Pipe Get-ThanosComponent into it to stop a whole lab.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "ThanosComponent", DefaultParameterSetName = ObjectSet, SupportsShouldProcess = true)]
[OutputType(typeof(ThanosComponent))]
public sealed class StopThanosComponentCommand : ComponentTargetCmdlet
{
    /// <summary>How long a component may take to shut down after SIGTERM before it is killed.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Write the stopped components.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecordCore()
    {
        foreach (var (target, runtime, current) in Targets())
        {
            using (runtime)
            {
                if (current is null)
                {
                    WriteNotFound(target);
                    continue;
                }
                if (!current.IsManaged)
                {
                    WriteError(ErrorRecords.Create("NotAThanosLabComponent", ErrorCategory.PermissionDenied,
                        $"'{target.Name}' was not started by ThanosLab (it has no {LabLabels.Component} label); ThanosLab leaves it alone.", target,
                        $"Stop it with docker stop {target.Name} if it is yours."));
                    continue;
                }
                if (!ShouldProcess($"{current.Kind} '{current.Name}' ({current.Runtime} {current.Id[..Math.Min(12, current.Id.Length)]})", "Stop and remove"))
                {
                    continue;
                }
                try
                {
                    RunWithProgress($"Stopping {target.Name}", (_, token) => runtime.StopAsync(current, Timeout, token));
                    if (PassThru)
                    {
                        WriteObject(ThanosComponent.From(current with { State = "removed" }, target.StatePath));
                    }
                }
                catch (ThanosLabException e)
                {
                    WriteEngineError(e, target);
                }
            }
        }
    }
}
