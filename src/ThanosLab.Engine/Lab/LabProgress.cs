namespace ThanosLab.Engine.Lab;

/// <summary>A step of long lab work (an image pull, a readiness wait) for a progress bar.</summary>
/// <param name="Activity">What is being done, e.g. "Pulling quay.io/thanos/thanos:v0.26.0".</param>
/// <param name="Status">The current detail.</param>
/// <param name="Percent">0–100, or null when unknown.</param>
public sealed record LabProgress(string Activity, string Status, int? Percent);
