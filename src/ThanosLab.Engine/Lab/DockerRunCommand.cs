namespace ThanosLab.Engine.Lab;

/// <summary>
/// The <c>docker run</c> command line equivalent to a spec, as the tutorial would type it: what
/// -WhatIf and verbose output show, and what the golden tests compare with the tutorial.
/// </summary>
public static class DockerRunCommand
{
    /// <summary>The command as arguments. Secret environment values are masked unless <paramref name="revealSecrets"/>.</summary>
    public static IReadOnlyList<string> Render(ComponentSpec spec, bool revealSecrets)
    {
        var args = new List<string> { "docker", "run", "-d" };
        if (LabNetwork.IsHost(spec.Network))
        {
            args.Add("--net=host");
        }
        else if (spec.Network != LabNetwork.DefaultBridge)
        {
            args.Add($"--network={spec.Network}");
        }
        args.Add("--rm");
        foreach (var mount in spec.Mounts)
        {
            args.Add("-v");
            args.Add(mount.ToString());
        }
        if (!LabNetwork.IsHost(spec.Network))
        {
            foreach (var port in spec.Ports)
            {
                args.Add("-p");
                args.Add(spec.ListenAddress.IsAllInterfaces ? $"{port}:{port}" : $"{spec.ListenAddress.PublishHostIp}:{port}:{port}");
            }
        }
        foreach (var (name, value) in spec.Environment)
        {
            args.Add("-e");
            args.Add($"{name}={(revealSecrets || !spec.SecretEnvironment.Contains(name) ? value : "***")}");
        }
        if (spec.User is not null)
        {
            args.Add("-u");
            args.Add(spec.User);
        }
        args.Add("--name");
        args.Add(spec.Name);
        args.Add(spec.Image);
        args.AddRange(spec.Arguments);
        return args;
    }
}
