namespace ThanosLab.Engine.Lab;

/// <summary>
/// Starts a spec on a runtime the way every Start cmdlet does: reuse what already runs with the
/// same spec, refuse (or, when forced, replace) a different one, never touch a foreign container,
/// never put a second component on a data directory another one uses, check data directories and ports first, and return only once the component is ready. A start
/// that fails or is cancelled leaves nothing behind.
/// </summary>
public static class ComponentLauncher
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>What Start did.</summary>
    public sealed record Result(RunningComponent Component, bool Reused);

    /// <param name="writeFiles">
    /// Writes the configs the spec mounts; called only once the component is to be (re)started,
    /// so a refused start never changes the files under a running component.
    /// </param>
    /// <param name="state">The lab's state folder, where process components beside the default folders may be recorded.</param>
    public static async Task<Result> StartAsync(IComponentRuntime runtime, ComponentSpec spec, string lab, bool force, TimeSpan timeout,
        IProgress<LabProgress>? progress, CancellationToken cancellationToken, Action? writeFiles = null, LabStateDirectory? state = null)
    {
        ReadinessProbe.CheckTimeout(timeout);
        await EnsureDataPathUnusedAsync(runtime, spec, state, cancellationToken).ConfigureAwait(false);
        var hash = SpecHash.Compute(spec);
        var existing = await runtime.FindAsync(spec.Name, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            if (!existing.IsManaged)
            {
                throw new ThanosLabException(ErrorKind.ResourceExists, "NameTakenByForeignContainer",
                    $"The name '{spec.Name}' belongs to a {runtime.Name} component that ThanosLab did not start ({existing.Id[..Math.Min(12, existing.Id.Length)]}); ThanosLab never replaces it.",
                    spec.Name, $"Remove it yourself (docker rm -f {spec.Name}) or give this component another -Name.");
            }
            if (existing.IsRunning && existing.SpecHash == hash)
            {
                var ready = await ReadinessProbe.WaitAsync(runtime, existing, timeout, progress, cancellationToken).ConfigureAwait(false);
                return new Result(ready, Reused: true);
            }
            if (existing.IsRunning && !force)
            {
                throw new ThanosLabException(ErrorKind.ResourceExists, "ComponentSpecMismatch",
                    $"'{spec.Name}' already runs ({existing.Kind}, {existing.Image}) with a different specification.", spec.Name,
                    "Add -Force to replace it, stop it with Stop-ThanosComponent, or give another -Name.");
            }
            await runtime.StopAsync(existing, StopGrace, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            writeFiles?.Invoke();
            return await StartWrittenAsync(runtime, spec, lab, timeout, progress, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A config written for a component that did not start may hold a secret; it goes too.
            RemovePrivateFiles(spec);
            throw;
        }
    }

    private static async Task<Result> StartWrittenAsync(IComponentRuntime runtime, ComponentSpec spec, string lab, TimeSpan timeout,
        IProgress<LabProgress>? progress, CancellationToken cancellationToken)
    {
        foreach (var directory in spec.RequiredDirectories)
        {
            if (!Directory.Exists(directory))
            {
                throw new ThanosLabException(ErrorKind.ObjectNotFound, "DataDirectoryMissing",
                    $"The data directory '{directory}' of '{spec.Name}' does not exist.", directory,
                    "Create it (for Prometheus: New-ThanosBlockData -OutputDirectory writes one), or give the right path.");
            }
        }
        if (runtime is not DockerRuntime { IsLocal: false })
        {
            PortCheck.EnsureFree(spec);
        }
        await runtime.PrepareAsync(spec, progress, cancellationToken).ConfigureAwait(false);
        var started = await runtime.StartAsync(spec, lab, cancellationToken).ConfigureAwait(false);
        try
        {
            var ready = await ReadinessProbe.WaitAsync(runtime, started, timeout, progress, cancellationToken).ConfigureAwait(false);
            return new Result(ready, Reused: false);
        }
        catch (Exception e) when (e is ThanosLabException or OperationCanceledException)
        {
            // The error already carries the log lines; the half-started component goes, with a
            // fresh token because the caller's may be the one that was cancelled.
            using var cleanup = new CancellationTokenSource(StopGrace + TimeSpan.FromSeconds(10));
            try
            {
                await runtime.StopAsync(started, TimeSpan.FromSeconds(2), cleanup.Token).ConfigureAwait(false);
            }
            catch (Exception cleanupError) when (cleanupError is ThanosLabException or OperationCanceledException)
            {
            }
            throw;
        }
    }

    private static void RemovePrivateFiles(ComponentSpec spec)
    {
        foreach (var file in spec.PrivateFiles)
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The start's own error matters more; a file that cannot be deleted stays owner-only.
            }
        }
    }

    /// <summary>
    /// Two Prometheus on one directory would share its WAL and blocks: any other running component
    /// recording the same data directory, in either runtime and any lab, is refused by name. The
    /// component of the same name in the same runtime is the one being reused or replaced.
    /// </summary>
    private static async Task EnsureDataPathUnusedAsync(IComponentRuntime runtime, ComponentSpec spec, LabStateDirectory? state, CancellationToken cancellationToken)
    {
        if (spec.DataPath is null) return;
        static string Normal(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var data = Normal(spec.DataPath);
        var running = await LabInventory.RunningAsync(runtime as DockerRuntime, state, cancellationToken).ConfigureAwait(false);
        var other = running.FirstOrDefault(c => c.DataPath is { } d && Normal(d) == data && !(c.Runtime == runtime.Name && c.Name == spec.Name));
        if (other is not null)
        {
            throw new ThanosLabException(ErrorKind.ResourceExists, "DataPathInUse",
                $"'{spec.DataPath}' is already the data directory of {other.Kind} '{other.Name}' ({other.Runtime} {other.Id[..Math.Min(12, other.Id.Length)]}, lab '{other.Lab}'); '{spec.Name}' would share its WAL and blocks.",
                spec.DataPath, $"Stop '{other.Name}' first (Stop-ThanosComponent -Name {other.Name} -Runtime {other.Runtime}), start it again under its own name to reuse it, or give another -DataPath (a copy of the data).");
        }
    }
}
