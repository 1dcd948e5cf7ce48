namespace ThanosLab.Engine.Lab;

/// <summary>
/// Finds lab components across runtimes and labs: Docker by label, processes through the state
/// folders under <c>$HOME/.thanoslab</c> (or one given folder).
/// </summary>
public static class LabInventory
{
    /// <summary>The state folders to look in: the given one, the lab's default, or every lab's.</summary>
    public static IReadOnlyList<LabStateDirectory> StateDirectories(string? statePath, string? lab)
    {
        if (statePath is not null) return new[] { new LabStateDirectory(statePath) };
        if (lab is not null) return new[] { new LabStateDirectory(LabStateDirectory.DefaultFor(lab)) };
        var root = Path.GetDirectoryName(LabStateDirectory.DefaultFor("x"))!;
        return Directory.Exists(root)
            ? Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal).Select(d => new LabStateDirectory(d)).ToList()
            : Array.Empty<LabStateDirectory>();
    }

    /// <summary>Every process component recorded in <paramref name="directories"/>, with the folder it was found in.</summary>
    public static async Task<IReadOnlyList<(RunningComponent Component, LabStateDirectory State)>> ProcessesAsync(
        IEnumerable<LabStateDirectory> directories, string? lab, CancellationToken cancellationToken)
    {
        var found = new List<(RunningComponent, LabStateDirectory)>();
        foreach (var dir in directories)
        {
            using var runtime = new ProcessRuntime(dir);
            foreach (var c in await runtime.ListAsync(lab, cancellationToken).ConfigureAwait(false))
            {
                found.Add((c, dir));
            }
        }
        return found;
    }

    /// <summary>
    /// Every running ThanosLab component on this machine, of every lab: Docker's (none when no
    /// daemon answers; <paramref name="docker"/> is used when given) and the processes recorded in
    /// every lab's default state folder and in <paramref name="state"/>.
    /// </summary>
    public static async Task<IReadOnlyList<RunningComponent>> RunningAsync(DockerRuntime? docker, LabStateDirectory? state, CancellationToken cancellationToken)
    {
        var found = new List<RunningComponent>();
        try
        {
            if (docker is not null)
            {
                found.AddRange(await docker.ListAsync(null, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                using var local = new DockerRuntime();
                found.AddRange(await local.ListAsync(null, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (ThanosLabException e) when (e.ErrorId == "DockerDaemonUnreachable")
        {
        }
        if (!OperatingSystem.IsWindows())
        {
            var dirs = StateDirectories(null, null).Concat(state is null ? Array.Empty<LabStateDirectory>() : new[] { state }).DistinctBy(d => d.Path);
            found.AddRange((await ProcessesAsync(dirs, null, cancellationToken).ConfigureAwait(false)).Select(p => p.Component));
        }
        return found.Where(c => c.IsRunning).ToList();
    }
}
