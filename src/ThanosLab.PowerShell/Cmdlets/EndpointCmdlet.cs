using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine;
using ThanosLab.Engine.Prometheus;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Base of the cmdlets that talk to a component's HTTP API: -Endpoint as URIs, host:port strings or
/// ThanosComponents (by value or by their HttpEndpoint property), and a per-request timeout.
/// </summary>
public abstract class EndpointCmdlet : ThanosLabCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("HttpEndpoint", "Uri")]
    [EndpointTransformation]
    [ValidateNotNullOrEmpty]
    public Uri[] Endpoint { get; set; } = Array.Empty<Uri>();

    /// <summary>Seconds one HTTP request may take.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 120;

    /// <summary>How many endpoints were refused (reported as errors) so far.</summary>
    protected int RefusedEndpoints { get; private set; }

    /// <summary>A client per endpoint (they share one connection pool); a bad URI is an error record for that endpoint.</summary>
    protected IEnumerable<(Uri Endpoint, PrometheusApiClient Client)> Clients()
    {
        foreach (var endpoint in Endpoint)
        {
            PrometheusApiClient client;
            try
            {
                client = new PrometheusApiClient(endpoint, TimeSpan.FromSeconds(TimeoutSec));
            }
            catch (ThanosLabException e)
            {
                RefusedEndpoints++;
                WriteEngineError(e, endpoint);
                continue;
            }
            yield return (endpoint, client);
        }
    }
}
