using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine;
using ThanosLab.Engine.Lab;

namespace ThanosLab.Cmdlets;

/// <summary>Waits until components answer their readiness endpoint (/-/ready), and returns them.</summary>
[Cmdlet(VerbsLifecycle.Wait, "ThanosComponent", DefaultParameterSetName = ObjectSet)]
[OutputType(typeof(ThanosComponent))]
public sealed class WaitThanosComponentCommand : ComponentTargetCmdlet
{
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    protected override void BeginProcessingCore() => ReadinessProbe.CheckTimeout(Timeout);

    protected override void ProcessRecordCore()
    {
        foreach (var (target, runtime, current) in Targets())
        {
            using (runtime)
            {
                if (current is null || !current.IsManaged)
                {
                    WriteNotFound(target);
                    continue;
                }
                try
                {
                    var ready = RunWithProgress($"Waiting for {target.Name}",
                        (p, token) => ReadinessProbe.WaitAsync(runtime, current, Timeout, p, token));
                    WriteObject(ThanosComponent.From(ready, target.StatePath));
                }
                catch (ThanosLabException e)
                {
                    WriteEngineError(e, target);
                }
            }
        }
    }
}
