using System.Management.Automation;

namespace ThanosLab.Binding;

/// <summary>
/// Lets an -Endpoint parameter take a URI, a <c>host:port</c> string (http:// assumed, as in the
/// tutorial's curl checks) or a ThanosComponent (its HttpEndpoint).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class EndpointTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) =>
        inputData is Array array
            ? array.Cast<object?>().Select(One).ToArray()
            : One(inputData);

    private static Uri One(object? input)
    {
        var value = input is PSObject pso ? pso.BaseObject : input;
        switch (value)
        {
            case Uri { IsAbsoluteUri: true } uri:
                return uri;
            case ThanosComponent { HttpEndpoint: { } endpoint }:
                return endpoint;
            case ThanosComponent c:
                throw new ArgumentTransformationMetadataException($"The component '{c.Name}' has no HTTP endpoint.");
            case string s when s.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(s, UriKind.Absolute, out var u):
                return u;
            case string s when !s.Contains("://", StringComparison.Ordinal) && Uri.TryCreate("http://" + s.Trim(), UriKind.Absolute, out var hostPort) && s.Trim().Length > 0:
                return hostPort;
            default:
                throw new ArgumentTransformationMetadataException(
                    $"'{value}' is not an endpoint: give a URI such as http://127.0.0.1:9090/, a host:port such as 127.0.0.1:9091, or a ThanosComponent.");
        }
    }
}
