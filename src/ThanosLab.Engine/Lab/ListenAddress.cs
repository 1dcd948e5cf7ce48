using System.Globalization;

namespace ThanosLab.Engine.Lab;

/// <summary>
/// Which of the host's interfaces a component is reachable on: loopback (ThanosLab's default, as
/// Prometheus' admin and lifecycle APIs must not be open to the network) or all interfaces, which
/// is what the tutorial's flags do (<c>--web.listen-address=:9090</c>, <c>0.0.0.0:19090</c>,
/// <c>-p 9000:9000</c>). On the host network (or as a process) the component itself listens
/// there; on a bridge it listens on all of the container's interfaces and Docker publishes its
/// ports on this address only.
/// </summary>
public sealed record ListenAddress
{
    public static readonly ListenAddress Loopback = new("127.0.0.1");

    /// <summary>All interfaces, spelled as the tutorial spells them.</summary>
    public static readonly ListenAddress AllInterfaces = new("0.0.0.0");

    private ListenAddress(string host) => Host = host;

    /// <summary>127.0.0.1 or 0.0.0.0.</summary>
    public string Host { get; }

    public bool IsAllInterfaces => Host == AllInterfaces.Host;

    /// <summary>The address for <paramref name="host"/> (127.0.0.1 or 0.0.0.0); anything else names what is accepted.</summary>
    public static ListenAddress Parse(string? host) => host switch
    {
        "127.0.0.1" => Loopback,
        "0.0.0.0" => AllInterfaces,
        _ => throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidListenAddress",
            $"The listen address '{host}' is not supported: use 127.0.0.1 (loopback, the default) or 0.0.0.0 (all interfaces, as the tutorial).", host,
            "Give -ListenAddress 127.0.0.1 or 0.0.0.0."),
    };

    /// <summary>What the component itself binds on <paramref name="network"/>: this address on the host's, all interfaces inside a bridged container.</summary>
    public ListenAddress Inside(string network) => LabNetwork.IsHost(network) ? this : AllInterfaces;

    /// <summary>host:port as Thanos and MinIO flags take it (<c>0.0.0.0:19090</c>).</summary>
    public string HostPort(int port) => $"{Host}:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Prometheus' --web.listen-address, where the tutorial writes all interfaces as <c>:9090</c>.</summary>
    public string PrometheusListen(int port) => IsAllInterfaces ? $":{port.ToString(CultureInfo.InvariantCulture)}" : HostPort(port);

    /// <summary>The host IP Docker publishes a bridged port on; empty for all interfaces, as <c>-p 9000:9000</c>.</summary>
    public string PublishHostIp => IsAllInterfaces ? "" : Host;

    public override string ToString() => Host;
}
