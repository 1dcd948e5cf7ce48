namespace ThanosLab.Engine.Lab;

/// <summary>
/// A spec's container arguments for a native process: every container path a mount maps
/// (<c>/prometheus</c>, <c>--config.file=/etc/prometheus/prometheus.yml</c>) becomes the host path.
/// </summary>
public static class HostArguments
{
    public static IReadOnlyList<string> Translate(ComponentSpec spec)
    {
        // Longest container path first, so /etc/thanos/x.yaml is not half-replaced by a /etc mount.
        var mounts = spec.Mounts.OrderByDescending(m => m.ContainerPath.Length).ToList();
        return spec.Arguments.Select(a => Translate(a, mounts)).ToList();
    }

    private static string Translate(string argument, List<BindMount> mounts)
    {
        var equals = argument.StartsWith("--", StringComparison.Ordinal) ? argument.IndexOf('=', StringComparison.Ordinal) : -1;
        var prefix = equals >= 0 ? argument[..(equals + 1)] : "";
        var value = equals >= 0 ? argument[(equals + 1)..] : argument;
        foreach (var mount in mounts)
        {
            if (value == mount.ContainerPath)
            {
                return prefix + mount.HostPath;
            }
            if (value.StartsWith(mount.ContainerPath + "/", StringComparison.Ordinal))
            {
                return prefix + Path.Combine(mount.HostPath, value[(mount.ContainerPath.Length + 1)..]);
            }
        }
        return argument;
    }
}
