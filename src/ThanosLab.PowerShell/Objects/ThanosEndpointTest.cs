namespace ThanosLab;

/// <summary>
/// What Test-ThanosEndpoint found for one endpoint: the tutorial's checks (metrics answer, ready,
/// healthy) and whether all passed.
/// </summary>
public sealed class ThanosEndpointTest
{
    /// <summary>The component's name, or host:port for a bare URI.</summary>
    public string Name { get; set; } = "";

    public Uri? Endpoint { get; set; }

    public bool Passed => Checks.Length > 0 && Checks.All(c => c.Passed);

    public bool Metrics => Check("Metrics");

    public bool Ready => Check("Ready");

    public bool Healthy => Check("Healthy");

    public ThanosEndpointCheck[] Checks { get; set; } = Array.Empty<ThanosEndpointCheck>();

    public override string ToString() => $"{Name}: {(Passed ? "passed" : "failed")}";

    private bool Check(string name) => Checks.FirstOrDefault(c => c.Name == name)?.Passed ?? false;
}
