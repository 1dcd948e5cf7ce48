using System.Management.Automation;
using ThanosLab.Engine.Prometheus;

namespace ThanosLab.Cmdlets;

/// <summary>
/// The tutorial's checks of a running component: its metrics page answers, /-/ready and /-/healthy
/// say so. One result per endpoint, or with -Quiet a single boolean: did every endpoint pass.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ThanosEndpoint")]
[OutputType(typeof(ThanosEndpointTest), typeof(bool))]
public sealed class TestThanosEndpointCommand : EndpointCmdlet
{
    private bool _allPassed = true;
    private int _tested;

    /// <summary>The component's name (from a ThanosComponent), shown in the result.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Name { get; set; }

    /// <summary>The component kind (from a ThanosComponent): Minio is checked on MinIO's own paths.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Kind { get; set; }

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    public TestThanosEndpointCommand() => TimeoutSec = 10;

    protected override void ProcessRecordCore()
    {
        foreach (var (endpoint, client) in Clients())
        {
            var checks = Await(EndpointHealthChecks.RunAsync(client, Kind, Cancellation));
            var result = new ThanosEndpointTest
            {
                Name = Endpoint.Length == 1 && !string.IsNullOrEmpty(Name) ? Name : endpoint.Authority,
                Endpoint = endpoint,
                Checks = checks.Select(ThanosEndpointCheck.From).ToArray(),
            };
            _tested++;
            _allPassed &= result.Passed;
            if (!Quiet)
            {
                WriteObject(result);
            }
            else
            {
                foreach (var c in result.Checks.Where(c => !c.Passed)) WriteVerbose($"{result.Name} {c.Name} failed: {c.Message}");
            }
        }
    }

    protected override void EndProcessingCore()
    {
        if (_tested == 0)
        {
            // A check over nothing is not a pass: `Get-ThanosComponent | Test-ThanosEndpoint -Quiet` with nothing running.
            WriteWarning("No endpoint was checked: no endpoint reached Test-ThanosEndpoint (empty input, or every endpoint was refused). -Quiet returns $false.");
        }
        if (Quiet)
        {
            // An endpoint that could not even be tried (not an HTTP URI) did not pass either.
            WriteObject(_tested > 0 && _allPassed && RefusedEndpoints == 0);
        }
    }
}
