namespace ThanosLab.Engine.Lab;

/// <summary>
/// Where components run: Docker containers or native processes. A runtime creates, finds, inspects
/// and removes; <see cref="ComponentLauncher"/> owns the decisions around it (reuse, replace,
/// readiness).
/// </summary>
public interface IComponentRuntime : IDisposable
{
    /// <summary>Docker or Process.</summary>
    string Name { get; }

    /// <summary>The component holding <paramref name="name"/>, managed by ThanosLab or not; null when the name is free.</summary>
    Task<RunningComponent?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every ThanosLab component, of one lab or (null) of all labs.</summary>
    Task<IReadOnlyList<RunningComponent>> ListAsync(string? lab, CancellationToken cancellationToken);

    /// <summary>Makes sure what <paramref name="spec"/> runs is present (pulls a missing image).</summary>
    Task PrepareAsync(ComponentSpec spec, IProgress<LabProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Starts the spec; returns as soon as it runs (not yet ready).</summary>
    Task<RunningComponent> StartAsync(ComponentSpec spec, string lab, CancellationToken cancellationToken);

    /// <summary>The current state, or null when it is gone.</summary>
    Task<RunningComponent?> RefreshAsync(RunningComponent component, CancellationToken cancellationToken);

    /// <summary>The last lines of the component's output.</summary>
    Task<string> LogTailAsync(RunningComponent component, int lines, CancellationToken cancellationToken);

    /// <summary>Stops (gracefully, then forcibly after <paramref name="grace"/>) and removes it and what only it used.</summary>
    Task StopAsync(RunningComponent component, TimeSpan grace, CancellationToken cancellationToken);
}
