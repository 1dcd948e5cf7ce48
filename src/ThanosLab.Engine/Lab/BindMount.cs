namespace ThanosLab.Engine.Lab;

/// <summary>A host file or directory seen by the component at <see cref="ContainerPath"/>.</summary>
/// <param name="HostPath">Absolute path on the host.</param>
/// <param name="ContainerPath">Where the component's arguments refer to it.</param>
public sealed record BindMount(string HostPath, string ContainerPath)
{
    /// <summary>The <c>-v</c> value of <c>docker run</c>.</summary>
    public override string ToString() => $"{HostPath}:{ContainerPath}";
}
