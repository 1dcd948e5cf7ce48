using Xunit;

namespace ThanosLab.Tests.Infrastructure;

/// <summary>
/// Guards for tests that need an outside component. Locally a missing component skips the test
/// with the reason; under CI=true it fails, so a green CI run cannot hide a missing install step.
/// </summary>
public static class Requires
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of <paramref name="tool"/> on PATH.</summary>
    public static string Tool(string tool, string installHint)
    {
        var path = FindOnPath(tool);
        Component(path is not null, $"'{tool}' is not on PATH ({installHint})");
        return path!;
    }

    public static void Component(bool available, string reason)
    {
        if (available) return;
        if (InCi) Assert.Fail($"Required component missing under CI=true: {reason}.");
        Skip.If(true, reason);
    }

    public static string? FindOnPath(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
