using System.Management.Automation;
using ThanosLab.Completion;
using ThanosLab.Engine;
using ThanosLab.Engine.Lab;

namespace ThanosLab.Cmdlets;

/// <summary>Lists the lab's components, in Docker (by label) and as processes (by pid file), also from earlier sessions.</summary>
[Cmdlet(VerbsCommon.Get, "ThanosComponent")]
[OutputType(typeof(ThanosComponent))]
public sealed class GetThanosComponentCommand : LabCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ComponentNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = new[] { "*" };

    /// <summary>Docker or Process; both when left out.</summary>
    [Parameter]
    [ValidateSet("Docker", "Process")]
    public string? Runtime { get; set; }

    [Parameter]
    [ValidateSet("Prometheus", "Sidecar", "Querier", "StoreGateway", "Compactor", "Minio")]
    public string[]? Kind { get; set; }

    protected override void ProcessRecordCore()
    {
        // Without -Lab every lab is listed; the parameter's default only names new labs.
        var lab = MyInvocation.BoundParameters.ContainsKey(nameof(Lab)) ? Lab : null;
        var patterns = Name.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToList();
        var found = new List<ThanosComponent>();
        if (Runtime is null or "Docker")
        {
            try
            {
                using var docker = new DockerRuntime();
                found.AddRange(Await(docker.ListAsync(lab, Cancellation)).Select(c => ThanosComponent.From(c, null)));
            }
            catch (ThanosLabException e) when (Runtime is null && e.ErrorId == "DockerDaemonUnreachable")
            {
                WriteVerbose($"Docker components not listed: {e.Message}");
            }
            catch (ThanosLabException e)
            {
                ThrowEngineError(e);
            }
        }
        if (Runtime is null or "Process")
        {
            var dirs = LabInventory.StateDirectories(ResolvedStatePath, lab);
            found.AddRange(Await(LabInventory.ProcessesAsync(dirs, lab, Cancellation)).Select(p => ThanosComponent.From(p.Component, p.State.Path)));
        }
        foreach (var c in found.OrderBy(c => c.Lab, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            if (patterns.Any(p => p.IsMatch(c.Name)) && (Kind is null || Kind.Contains(c.Kind, StringComparer.OrdinalIgnoreCase)))
            {
                WriteObject(c);
            }
        }
    }
}
