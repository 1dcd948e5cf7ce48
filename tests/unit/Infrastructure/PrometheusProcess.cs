using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace ThanosLab.Tests.Infrastructure;

/// <summary>
/// A real Prometheus (Debian's 2.42) on a free loopback port, serving a copy of the given blocks with
/// local compaction disabled (2h/2h), as the tutorial runs it. Killed and its data removed on dispose.
/// </summary>
public sealed class PrometheusProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TempDirectory _data = new("thanoslab-prom-");

    private PrometheusProcess(string binary, IEnumerable<string> blockDirectories, string configYaml, IEnumerable<string> extraArguments)
    {
        foreach (var block in blockDirectories)
        {
            CopyDirectory(block, Path.Combine(_data.Path, Path.GetFileName(block)));
        }
        var config = Path.Combine(_data.Path, "prometheus.yml");
        File.WriteAllText(config, configYaml);
        Port = FreeLoopbackPort();
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            $"--config.file={config}", $"--storage.tsdb.path={_data.Path}", $"--web.listen-address=127.0.0.1:{Port}",
            "--storage.tsdb.min-block-duration=2h", "--storage.tsdb.max-block-duration=2h", "--storage.tsdb.retention.time=1000d",
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(arg);
        }
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public int Port { get; }

    /// <summary>The storage.tsdb.path, for what Prometheus writes there (snapshots).</summary>
    public string DataPath => _data.Path;

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>
    /// Starts Prometheus on copies of <paramref name="blockDirectories"/> with <paramref name="configYaml"/> (and any <paramref name="extraArguments"/>)
    /// as its prometheus.yml (a bare global section by default) and waits until /-/ready answers.
    /// </summary>
    public static async Task<PrometheusProcess> StartAsync(IEnumerable<string> blockDirectories, string configYaml = "global:\n  scrape_interval: 15s\n", IEnumerable<string>? extraArguments = null)
    {
        var binary = Requires.Tool("prometheus", "apt-get install prometheus");
        var p = new PrometheusProcess(binary, blockDirectories, configYaml, extraArguments ?? Array.Empty<string>());
        try
        {
            await p.WaitReadyAsync();
            return p;
        }
        catch
        {
            p.Dispose();
            throw;
        }
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Endpoint, Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 240; i++)
        {
            Assert.False(_process.HasExited, "prometheus exited: " + Log);
            try
            {
                using var r = await http.GetAsync("-/ready");
                if (r.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        Assert.Fail("prometheus did not become ready: " + Log);
    }

    /// <summary>A loopback port nothing listens on (at the moment of asking).</summary>
    public static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        _data.Dispose();
    }
}
