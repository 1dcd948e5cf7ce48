using System.Diagnostics;
using System.Management.Automation;
using ThanosLab.Engine.Lab;
using ThanosLab.Tests.Infrastructure;
using Xunit;
using static ThanosLab.Tests.Lab.LabTestSupport;

namespace ThanosLab.Tests.Lab;

/// <summary>The lab as native processes: Debian's prometheus 2.42 started, found again, queried and stopped.</summary>
public sealed class ProcessLabTests : IClassFixture<GeneratedYear>
{
    private readonly GeneratedYear _year;

    public ProcessLabTests(GeneratedYear year) => _year = year;

    [SkippableFact]
    public async Task PrometheusProcessServesTheYearIsFoundAgainAndStopsCleanly()
    {
        Requires.Tool("prometheus", "apt-get install prometheus");
        using var dir = new TempDirectory();
        var data = _year.CopyTo(dir);
        var state = dir.Combine("state");
        var vars = new (string, object?)[] { ("data", data), ("name", UniqueName("prom")), ("port", FreePort()), ("state", state) };
        const string start = "Start-ThanosPrometheus -Runtime Process -DataPath $data -Name $name -HttpPort $port -StatePath $state";
        var (output, ps) = Run(start, vars);
        ThanosComponent prom;
        using (ps)
        {
            Assert.True(ps.Streams.Error.Count == 0, string.Join("; ", ps.Streams.Error));
            prom = Assert.IsType<ThanosComponent>(Assert.Single(output).BaseObject);
        }
        var pid = int.Parse(prom.Id, System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            Assert.Equal(("Prometheus", "Process", "Running", state), (prom.Kind, prom.Runtime, prom.State, prom.StatePath));
            Assert.Equal("/usr/bin/prometheus", new FileInfo($"/proc/{pid}/exe").LinkTarget);
            Assert.Equal(GeneratedYear.ExpectedSamplesPerQuery, await CountYearAsync(prom.HttpEndpoint!));
            // The container paths became host paths.
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            Assert.Contains($"--storage.tsdb.path={data}", cmdline);
            // Loopback by default: the admin and lifecycle APIs stay on this machine.
            Assert.Contains($"--web.listen-address=127.0.0.1:{vars[2].Item2}", cmdline);
            Assert.Contains($"--config.file={Path.Combine(state, "config", prom.Name + ".yml")}", cmdline);
            Assert.True(File.Exists(Path.Combine(state, prom.Name + ".log")));

            // A new session finds it through the pid file; the same spec returns the same process.
            var (again, ps2) = Run(start, vars);
            using (ps2) Assert.Equal(prom.Id, Assert.IsType<ThanosComponent>(Assert.Single(again).BaseObject).Id);
            var (found, ps3) = Run("Get-ThanosComponent -Runtime Process -StatePath $state", vars);
            using (ps3) Assert.Equal(prom.Id, Assert.IsType<ThanosComponent>(Assert.Single(found).BaseObject).Id);

            var (_, ps4) = Run("Get-ThanosComponent -Runtime Process -StatePath $state | Stop-ThanosComponent", vars);
            using (ps4) Assert.True(ps4.Streams.Error.Count == 0, string.Join("; ", ps4.Streams.Error));
            Assert.False(IsRunning(pid));
            Assert.False(File.Exists(Path.Combine(state, prom.Name + ".pid")));
            var (none, ps5) = Run("Get-ThanosComponent -Runtime Process -StatePath $state", vars);
            using (ps5) Assert.Empty(none);
        }
        finally
        {
            if (IsRunning(pid)) Process.GetProcessById(pid).Kill();
        }
    }

    [SkippableFact]
    public async Task CtrlCStopsAWaitPromptly()
    {
        Requires.Tool("prometheus", "apt-get install prometheus");
        using var dir = new TempDirectory();
        var state = dir.Combine("state");
        var name = UniqueName("prom");
        var (_, ps) = Run("Start-ThanosPrometheus -Runtime Process -DataPath $data -Name $name -HttpPort $port -StatePath $state",
            ("data", _year.CopyTo(dir)), ("name", name), ("port", FreePort()), ("state", state));
        ps.Dispose();
        try
        {
            // A real, running Prometheus whose recorded readiness path never answers 200: the wait
            // can only end by timeout (5 minutes) or by Ctrl+C.
            var stateFile = Path.Combine(state, name + ".json");
            File.WriteAllText(stateFile, File.ReadAllText(stateFile).Replace("/-/ready", "/-/never-ready", StringComparison.Ordinal));
            using (var wait = PowerShellSession.Create())
            {
                wait.AddScript($"Wait-ThanosComponent -Name '{name}' -Runtime Process -StatePath '{state}' -Timeout 00:05:00");
                var running = wait.BeginInvoke();
                await Task.Delay(1500);
                var watch = Stopwatch.StartNew();
                wait.Stop();
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {watch.Elapsed}");
                Assert.Equal(PSInvocationState.Stopped, wait.InvocationStateInfo.State);
                Assert.True(running.IsCompleted);
            }
        }
        finally
        {
            var (_, stop) = Run("Stop-ThanosComponent -Name $name -Runtime Process -StatePath $state", ("name", name), ("state", state));
            stop.Dispose();
        }
    }

    [SkippableFact]
    public void AChangedConfigIsADifferentSpecAndLeavesTheRunningOnesFileAlone()
    {
        Requires.Tool("prometheus", "apt-get install prometheus");
        using var dir = new TempDirectory();
        var state = dir.Combine("state");
        var name = UniqueName("prom");
        var vars = new (string, object?)[] { ("data", _year.CopyTo(dir)), ("name", name), ("port", FreePort()), ("state", state) };
        const string start = "Start-ThanosPrometheus -Runtime Process -DataPath $data -Name $name -HttpPort $port -StatePath $state -ExternalLabel @{ cluster = 'eu1'; replica = 'REPLICA' }";
        var (_, ps) = Run(start.Replace("REPLICA", "0"), vars);
        ps.Dispose();
        try
        {
            var config = Path.Combine(state, "config", name + ".yml");
            var before = File.ReadAllText(config);
            var (_, changed) = Run(start.Replace("REPLICA", "1"), vars);
            using (changed) Assert.StartsWith("ComponentSpecMismatch,", SingleError(changed).FullyQualifiedErrorId);
            Assert.Equal(before, File.ReadAllText(config));
            var (replaced, forced) = Run(start.Replace("REPLICA", "1") + " -Force", vars);
            using (forced) Assert.True(forced.Streams.Error.Count == 0, string.Join("; ", forced.Streams.Error));
            Assert.Contains("replica: \"1\"", File.ReadAllText(config));
            Assert.Single(replaced);
        }
        finally
        {
            var (_, stop) = Run("Stop-ThanosComponent -Name $name -Runtime Process -StatePath $state", ("name", name), ("state", state));
            stop.Dispose();
        }
    }

    [SkippableFact]
    public void ASecondPrometheusOnTheSameDataDirectoryIsRefusedNamingTheRunningOne()
    {
        Requires.Tool("prometheus", "apt-get install prometheus");
        using var dir = new TempDirectory();
        var state = dir.Combine("state");
        var first = UniqueName("prom");
        var second = UniqueName("prom");
        var vars = new (string, object?)[] { ("data", _year.CopyTo(dir)), ("first", first), ("second", second), ("port1", FreePort()), ("port2", FreePort()), ("state", state) };
        var (_, ps) = Run("Start-ThanosPrometheus -Runtime Process -DataPath $data -Name $first -HttpPort $port1 -StatePath $state", vars);
        using (ps) Assert.True(ps.Streams.Error.Count == 0, string.Join("; ", ps.Streams.Error));
        try
        {
            // Another name and port, the same directory (spelled with a trailing slash).
            var (output, again) = Run("Start-ThanosPrometheus -Runtime Process -DataPath ($data + '/') -Name $second -HttpPort $port2 -StatePath $state", vars);
            using (again)
            {
                var error = SingleError(again);
                Assert.StartsWith("DataPathInUse,", error.FullyQualifiedErrorId);
                Assert.Contains($"Prometheus '{first}'", error.Exception.Message);
                Assert.Empty(output);
            }
            Assert.False(File.Exists(Path.Combine(state, second + ".pid")));
            var (running, list) = Run("Get-ThanosComponent -Runtime Process -StatePath $state", vars);
            using (list) Assert.Equal(new[] { first }, running.Select(c => ((ThanosComponent)c.BaseObject).Name));
            // The same name again is the running one, not a second.
            var (same, reuse) = Run("Start-ThanosPrometheus -Runtime Process -DataPath $data -Name $first -HttpPort $port1 -StatePath $state", vars);
            using (reuse) Assert.True(reuse.Streams.Error.Count == 0, string.Join("; ", reuse.Streams.Error));
            Assert.Single(same);
        }
        finally
        {
            var (_, stop) = Run("Stop-ThanosComponent -Name $first -Runtime Process -StatePath $state", vars);
            stop.Dispose();
        }
    }

    // TimeSpan.MaxValue is beyond every duration parameter's Go range, refused at binding; within
    // it, a wait's timeout has its own range.
    [Theory]
    [InlineData("Wait-ThanosComponent -Name $name -Runtime Process -StatePath $state -Timeout ([TimeSpan]::MaxValue)", "10675199.02:48:05.4775807", "ParameterArgumentTransformationError", "out of range")]
    [InlineData("Wait-ThanosComponent -Name $name -Runtime Process -StatePath $state -Timeout ([TimeSpan]::FromSeconds(-1))", "-00:00:01", "TimeoutOutOfRange", "00:00:00 to 7.00:00:00")]
    [InlineData("Wait-ThanosComponent -Name $name -Runtime Process -StatePath $state -Timeout '1000d'", "1000.00:00:00", "TimeoutOutOfRange", "00:00:00 to 7.00:00:00")]
    [InlineData("Start-ThanosPrometheus -Runtime Process -DataPath $state -Name $name -StatePath $state -Timeout ([TimeSpan]::MaxValue)", "10675199.02:48:05.4775807", "ParameterArgumentTransformationError", "out of range")]
    [InlineData("Start-ThanosPrometheus -Runtime Process -DataPath $state -Name $name -StatePath $state -Timeout '30d'", "30.00:00:00", "TimeoutOutOfRange", "00:00:00 to 7.00:00:00")]
    public void AnOutOfRangeTimeoutIsAThanosLabErrorNamingTheValueAndTheRange(string script, string shown, string errorId, string range)
    {
        using var dir = new TempDirectory();
        // A component recorded as running: this test process itself, whose readiness is never asked.
        var name = UniqueName("self");
        File.WriteAllText(dir.Combine(name + ".pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(dir.Combine(name + ".json"), new ProcessState
        {
            Name = name, Kind = ComponentKind.Prometheus, Lab = "l", Binary = new FileInfo("/proc/self/exe").LinkTarget!, HttpPort = FreePort(), SpecHash = "x", ReadinessPath = "/-/ready",
        }.ToJson());
        var (output, ps) = Run(script, ("name", name), ("state", dir.Path));
        using (ps)
        {
            var error = SingleError(ps);
            Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
            Assert.Contains(shown, error.Exception.Message);
            Assert.Contains(range, error.Exception.Message);
            Assert.Empty(output);
        }
    }

    [SkippableTheory]
    [InlineData("Process", "PortInUse")]
    [InlineData("Docker", "ImageNotAvailable")]
    public void AFailedSidecarStartLeavesNoConfigHoldingTheSecret(string runtime, string errorId)
    {
        if (runtime == "Docker") RequireDocker();
        using var dir = new TempDirectory();
        var state = dir.Combine("state");
        var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0);
        busy.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;
            var (_, ps) = Run(
                "$cred = [pscredential]::new('minio', ([System.Net.NetworkCredential]::new('', 'melovethanos').SecurePassword)); " +
                "$bucket = New-ThanosBucketConfig -S3 -Bucket thanos -Endpoint 127.0.0.1:9000 -Credential $cred -Insecure; " +
                "Start-ThanosSidecar -Runtime $runtime -Image thanoslab-test/not-built:0 -Name $name -PrometheusUrl http://127.0.0.1:9 -Bucket $bucket -DataPath $data -HttpPort $port -GrpcPort $grpc -StatePath $state",
                ("runtime", runtime), ("name", UniqueName("sidecar")), ("data", dir.Path), ("port", runtime == "Process" ? port : FreePort()), ("grpc", FreePort()), ("state", state));
            using (ps) Assert.StartsWith(errorId + ",", SingleError(ps).FullyQualifiedErrorId);
        }
        finally
        {
            busy.Stop();
        }
        var left = Directory.Exists(state) ? Directory.GetFiles(state, "*", SearchOption.AllDirectories) : Array.Empty<string>();
        Assert.DoesNotContain(left, f => File.ReadAllText(f).Contains("melovethanos", StringComparison.Ordinal));
        Assert.DoesNotContain(left, f => f.EndsWith(".yaml", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void APidFileThatCannotBeWrittenLeavesNoOrphanedProcess()
    {
        Requires.Tool("prometheus", "apt-get install prometheus");
        using var dir = new TempDirectory();
        var state = dir.Combine("state");
        var name = UniqueName("prom");
        var data = _year.CopyTo(dir);
        // A directory where the pid file goes: the rename onto it fails after the process started.
        Directory.CreateDirectory(Path.Combine(state, name + ".pid"));
        var (_, ps) = Run("Start-ThanosPrometheus -Runtime Process -DataPath $data -Name $name -HttpPort $port -StatePath $state",
            ("data", data), ("name", name), ("port", FreePort()), ("state", state));
        using (ps)
        {
            var error = SingleError(ps);
            Assert.StartsWith("FileWriteFailed,", error.FullyQualifiedErrorId);
            Assert.Contains(name + ".pid", error.Exception.Message);
        }
        Assert.Empty(ProcessesWithArgument($"--storage.tsdb.path={data}"));
        Assert.False(File.Exists(Path.Combine(state, name + ".json")));
    }

    [SkippableFact]
    public void AStalePidFileOfAnotherProgramIsNotTheComponent()
    {
        using var dir = new TempDirectory();
        var state = new LabStateDirectory(dir.Path);
        // Our own pid runs dotnet, not prometheus: the recorded component counts as exited.
        File.WriteAllText(dir.Combine("prom.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(dir.Combine("prom.json"), new ProcessState
        {
            Name = "prom", Kind = ComponentKind.Prometheus, Lab = "l", Binary = "/usr/bin/prometheus", HttpPort = 1, SpecHash = "x", ReadinessPath = "/-/ready",
        }.ToJson());
        using var runtime = new ProcessRuntime(state);
        var found = runtime.FindAsync("prom", CancellationToken.None).GetAwaiter().GetResult();
        Assert.NotNull(found);
        Assert.Equal("exited", found!.State);
    }

    [SkippableFact]
    public void AProcessThatExitsDuringStartupReportsItsOutput()
    {
        Requires.Tool("prometheus", "apt-get install prometheus");
        using var dir = new TempDirectory();
        var config = dir.Combine("broken.yml");
        File.WriteAllText(config, "global:\n  scrape_interval: not-a-duration\n");
        Directory.CreateDirectory(dir.Combine("data"));
        var (_, ps) = Run("Start-ThanosPrometheus -Runtime Process -DataPath $data -ConfigPath $config -Name $name -HttpPort $port -StatePath $state",
            ("data", dir.Combine("data")), ("config", config), ("name", UniqueName("prom")), ("port", FreePort()), ("state", dir.Combine("state")));
        using (ps)
        {
            var error = SingleError(ps);
            Assert.StartsWith("ComponentExited,", error.FullyQualifiedErrorId);
            Assert.Contains("not-a-duration", error.Exception.Message);
        }
        Assert.Empty(Directory.GetFiles(dir.Combine("state"), "*.pid"));
    }

    [Fact]
    public void AMissingBinaryIsNamed()
    {
        using var dir = new TempDirectory();
        var missing = dir.Combine("no-prometheus");
        var (_, ps) = Run("Start-ThanosPrometheus -Runtime Process -BinaryPath $bin -DataPath $data -Name p1 -StatePath $state -HttpPort $port",
            ("bin", missing), ("data", dir.Path), ("state", dir.Combine("state")), ("port", FreePort()));
        using (ps)
        {
            var error = SingleError(ps);
            Assert.StartsWith("BinaryNotFound,", error.FullyQualifiedErrorId);
            Assert.Contains(missing, error.Exception.Message);
        }
    }

    [Fact]
    public void HostArgumentsMapEveryMountedContainerPath()
    {
        var spec = new SidecarSpec
        {
            Name = "s", PrometheusUrl = "http://127.0.0.1:9090", BucketConfigPath = "/lab/config/s.yaml", DataPath = "/data/prom-eu1", UploadCompacted = true,
        }.Build();
        Assert.Equal(new[]
        {
            "sidecar", "--tsdb.path", "/data/prom-eu1", "--objstore.config-file", "/lab/config/s.yaml", "--shipper.upload-compacted",
            "--http-address", "127.0.0.1:19090", "--grpc-address", "127.0.0.1:19190", "--prometheus.url", "http://127.0.0.1:9090",
        }, HostArguments.Translate(spec));
    }

    private static IReadOnlyList<int> ProcessesWithArgument(string argument) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && IsRunning(pid) && CommandLine(pid).Contains(argument))
            .ToList();

    private static string[] CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
