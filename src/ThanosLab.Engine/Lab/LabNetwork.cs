namespace ThanosLab.Engine.Lab;

/// <summary>
/// Where a component's ports live. The tutorial runs everything with <c>--net=host</c>; a bridge
/// network (ThanosLab's <see cref="BridgeName"/>) publishes each port instead, which also works on
/// Docker Desktop, and components reach each other by container name.
/// </summary>
public static class LabNetwork
{
    /// <summary>Docker's host network: components listen on the host's interfaces.</summary>
    public const string Host = "host";

    /// <summary>Docker's default bridge, where MinIO runs in the tutorial (with <c>-p 9000:9000</c>).</summary>
    public const string DefaultBridge = "bridge";

    /// <summary>The user-defined bridge network ThanosLab creates (DNS by container name) and removes when empty.</summary>
    public const string BridgeName = "thanoslab";

    /// <summary>True when the component's ports are those of the host itself.</summary>
    public static bool IsHost(string network) => network == Host;
}
