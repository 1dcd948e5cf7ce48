using System.Globalization;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ThanosLab.Engine;
using ThanosLab.Engine.Lab;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Lab;

/// <summary>
/// A year of generated data (continuous-365d-tiny, cluster=eu1, ending 2024-01-01) written once,
/// copied into a fresh data directory for each Prometheus a test starts.
/// </summary>
public sealed class GeneratedYear : IDisposable
{
    /// <summary>Samples of continuous_app_metric0 (one of the profile's 5 series): 10,509,600 / 5.</summary>
    public const long ExpectedSamplesPerQuery = 2101920;

    private readonly TempDirectory _blocks = new("thanoslab-year-");

    public GeneratedYear()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript($"New-ThanosBlockData -Profile continuous-365d-tiny -Label @{{cluster='eu1'}} -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory '{_blocks.Path}'");
        var blocks = ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(13, blocks.Count);
    }

    /// <summary>A writable copy of the blocks in <paramref name="into"/>.</summary>
    public string CopyTo(TempDirectory into)
    {
        var target = into.Combine("prom-eu1");
        foreach (var file in Directory.GetFiles(_blocks.Path, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(_blocks.Path, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    public void Dispose() => _blocks.Dispose();
}

internal static class LabTestSupport
{
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>Runs a script with variables in a fresh session; returns output and the session for its streams.</summary>
    public static (IReadOnlyList<PSObject> Output, PowerShell Session) Run(string script, params (string Name, object? Value)[] variables)
    {
        var ps = PowerShellSession.Create();
        ps.Runspace = System.Management.Automation.Runspaces.RunspaceFactory.CreateRunspace(ps.Runspace.InitialSessionState);
        ps.Runspace.Open();
        foreach (var (name, value) in variables)
        {
            ps.Runspace.SessionStateProxy.SetVariable(name, value);
        }
        ps.AddScript(script);
        return (ps.Invoke(), ps);
    }

    /// <summary>The samples Prometheus counts for the one series continuous_app_metric0 over the whole year.</summary>
    public static Task<long> CountYearAsync(Uri endpoint) => CountSamplesAsync(endpoint, "400d");

    /// <summary>The samples of continuous_app_metric0 in the <paramref name="range"/> before the generated data's end.</summary>
    public static async Task<long> CountSamplesAsync(Uri endpoint, string range)
    {
        using var http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };
        // The newest block ends at 2024-01-01T02:00 (blocks are planned backwards from the max
        // time, whole 2 h ranges): query just after it, not at "now".
        var time = new DateTimeOffset(2024, 1, 1, 3, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var body = await http.GetStringAsync($"api/v1/query?query={Uri.EscapeDataString($"sum(count_over_time(continuous_app_metric0[{range}]))")}&time={time}");
        using var doc = JsonDocument.Parse(body);
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        Assert.True(result.GetArrayLength() == 1, body);
        return long.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>Skips (or under CI fails) when no Docker daemon answers.</summary>
    public static void RequireDocker()
    {
        string? reason = null;
        try
        {
            using var docker = new DockerRuntime();
            docker.ListAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (ThanosLabException e)
        {
            reason = e.Message + " (start it with: dockerd --storage-driver=vfs &)";
        }
        Requires.Component(reason is null, reason ?? "");
    }

    public static ErrorRecord SingleError(PowerShell ps)
    {
        Assert.NotEmpty(ps.Streams.Error);
        return ps.Streams.Error[0];
    }
}

/// <summary>Removes whatever a failed test left in Docker for its lab, so one failure does not break the next run.</summary>
internal sealed class LabCleanup : IDisposable
{
    private readonly string _lab;

    public LabCleanup(string lab) => _lab = lab;

    public void Dispose()
    {
        try
        {
            using var docker = new DockerRuntime();
            foreach (var c in docker.ListAsync(_lab, CancellationToken.None).GetAwaiter().GetResult())
            {
                docker.StopAsync(c, TimeSpan.FromSeconds(1), CancellationToken.None).GetAwaiter().GetResult();
            }
        }
        catch (ThanosLabException)
        {
        }
    }
}
