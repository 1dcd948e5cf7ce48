using System.Management.Automation;
using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;
using ThanosLab.Engine.Lab;
using ThanosLab.Tests.Infrastructure;
using Xunit;
using static ThanosLab.Tests.Lab.LabTestSupport;

namespace ThanosLab.Tests.Lab;

/// <summary>
/// The lab in a real Docker engine, with a Prometheus 2.42 image built here from Debian's binary
/// (tests/images). One class, so its tests run one after another and share the daemon calmly.
/// </summary>
public sealed class DockerLabTests : IClassFixture<GeneratedYear>
{
    private readonly GeneratedYear _year;

    public DockerLabTests(GeneratedYear year) => _year = year;

    [SkippableFact]
    public async Task PrometheusOnGeneratedBlocksServesTheYearOnABridgeNetworkAndLeavesNothingBehind()
    {
        RequireDocker();
        var image = await TestImages.PrometheusAsync();
        using var dir = new TempDirectory();
        var data = _year.CopyTo(dir);
        var lab = UniqueName("lab");
        var name = UniqueName("prom");
        var port = FreePort();
        var vars = new (string, object?)[] { ("data", data), ("image", image), ("name", name), ("port", port), ("lab", lab), ("state", dir.Combine("state")) };
        const string start = "Start-ThanosPrometheus -DataPath $data -Image $image -Name $name -HttpPort $port -Lab $lab -StatePath $state -RetentionTime '3000d' -Network Bridge";

        var (output, ps) = Run(start, vars);
        using var cleanup = new LabCleanup(lab);
        using (ps)
        {
            Assert.Empty(ps.Streams.Error);
            var prom = Assert.IsType<ThanosComponent>(Assert.Single(output).BaseObject);
            Assert.Equal(("Prometheus", "Docker", "Running", LabNetwork.BridgeName), (prom.Kind, prom.Runtime, prom.State, prom.Network));
            Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), prom.HttpEndpoint);
            Assert.Equal(GeneratedYear.ExpectedSamplesPerQuery, await CountYearAsync(prom.HttpEndpoint!));
            // Published on loopback only: the admin and lifecycle APIs stay on this machine.
            using (var inspect = new DockerClientBuilder().Build())
            {
                var bindings = (await inspect.Containers.InspectContainerAsync(prom.Id)).HostConfig!.PortBindings!;
                Assert.Equal("127.0.0.1", Assert.Single(bindings[$"{port}/tcp"]).HostIP);
            }

            // The config ThanosLab wrote carries the blocks' external labels and is owner-only.
            var config = Path.Combine(dir.Combine("state"), "config", name + ".yml");
            Assert.Contains("cluster: eu1", File.ReadAllText(config));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
            }

            // Same spec again: the running container comes back. Another spec: an error unless -Force.
            var (again, ps2) = Run(start, vars);
            using (ps2) Assert.Equal(prom.Id, Assert.IsType<ThanosComponent>(Assert.Single(again).BaseObject).Id);
            var (_, ps3) = Run(start.Replace("'3000d'", "'2999d'"), vars);
            using (ps3) Assert.Equal("ComponentSpecMismatch", SingleError(ps3).FullyQualifiedErrorId.Split(',')[0]);

            var (found, ps4) = Run("Get-ThanosComponent -Lab $lab | Wait-ThanosComponent -Timeout 00:00:30", vars);
            using (ps4)
            {
                Assert.True(ps4.Streams.Error.Count == 0, string.Join("; ", ps4.Streams.Error));
                Assert.Equal(prom.Id, Assert.IsType<ThanosComponent>(Assert.Single(found).BaseObject).Id);
            }

            var (_, ps5) = Run("Get-ThanosComponent -Lab $lab -Runtime Docker | Stop-ThanosComponent", vars);
            using (ps5) Assert.Empty(ps5.Streams.Error);
        }
        using var client = new DockerClientBuilder().Build();
        var left = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"thanoslab.lab={lab}"] = true } },
        });
        Assert.Empty(left);
        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters());
        Assert.DoesNotContain(networks, n => n.Name == LabNetwork.BridgeName);
    }

    [SkippableFact]
    public async Task APrometheusInEitherRuntimeOnTheDataDirectoryOfARunningContainerIsRefused()
    {
        RequireDocker();
        var image = await TestImages.PrometheusAsync();
        using var dir = new TempDirectory();
        var lab = UniqueName("lab");
        var name = UniqueName("prom");
        var vars = new (string, object?)[] { ("data", _year.CopyTo(dir)), ("image", image), ("name", name), ("lab", lab), ("state", dir.Combine("state")),
            ("port1", FreePort()), ("port2", FreePort()) };
        var (_, ps) = Run("Start-ThanosPrometheus -DataPath $data -Image $image -Name $name -HttpPort $port1 -Lab $lab -StatePath $state", vars);
        using var cleanup = new LabCleanup(lab);
        using (ps) Assert.True(ps.Streams.Error.Count == 0, string.Join("; ", ps.Streams.Error));
        foreach (var second in new[] { "-Runtime Process", "-Image $image" })
        {
            var (output, again) = Run($"Start-ThanosPrometheus {second} -DataPath $data -Name second-prom -HttpPort $port2 -Lab $lab -StatePath $state", vars);
            using (again)
            {
                var error = SingleError(again);
                Assert.StartsWith("DataPathInUse,", error.FullyQualifiedErrorId);
                Assert.Contains($"Prometheus '{name}' (Docker", error.Exception.Message);
                Assert.Empty(output);
            }
        }
        using var docker = new DockerRuntime();
        Assert.Null(await docker.FindAsync("second-prom", CancellationToken.None));
    }

    [SkippableFact]
    public async Task CtrlCWhileTheNewContainerIsInspectedLeavesNoContainerRunning()
    {
        RequireDocker();
        Skip.If(Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 }, "the stalling proxy fronts the local socket only");
        var image = await TestImages.PrometheusAsync();
        using var dir = new TempDirectory();
        var lab = UniqueName("lab");
        var name = UniqueName("prom");
        using var cleanup = new LabCleanup(lab);
        // The first inspect of a container by id is the one right after it started.
        using var proxy = new StallingDockerProxy(dir.Combine("docker.sock"), "/var/run/docker.sock", new Regex(@"^GET /[^ ]*containers/[0-9a-f]{64}/json"));
        var before = Environment.GetEnvironmentVariable("DOCKER_HOST");
        Environment.SetEnvironmentVariable("DOCKER_HOST", proxy.Endpoint);
        try
        {
            var (_, ps) = Start();
            using (ps)
            {
                var stalled = await Task.WhenAny(proxy.Stalled, Task.Delay(TimeSpan.FromSeconds(60)));
                Assert.Same(proxy.Stalled, stalled);
                ps.Stop();
                Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOCKER_HOST", before);
        }
        using var docker = new DockerRuntime();
        Assert.Null(await docker.FindAsync(name, CancellationToken.None));

        (IAsyncResult, PowerShell) Start()
        {
            var ps = PowerShellSession.Create();
            ps.Runspace = System.Management.Automation.Runspaces.RunspaceFactory.CreateRunspace(ps.Runspace.InitialSessionState);
            ps.Runspace.Open();
            ps.AddScript($"Start-ThanosPrometheus -DataPath '{dir.Path}' -Image '{image}' -Name '{name}' -HttpPort {FreePort()} -Lab '{lab}' -StatePath '{dir.Combine("state")}'");
            return (ps.BeginInvoke(), ps);
        }
    }

    [SkippableFact]
    public async Task AContainerThatExitsDuringStartupReportsItsLastLogLinesAndIsRemoved()
    {
        RequireDocker();
        var image = await TestImages.PrometheusAsync();
        using var dir = new TempDirectory();
        var config = dir.Combine("broken.yml");
        File.WriteAllText(config, "global:\n  scrape_interval: not-a-duration\n");
        Directory.CreateDirectory(dir.Combine("data"));
        var name = UniqueName("prom");
        var (_, ps) = Run("Start-ThanosPrometheus -DataPath $data -ConfigPath $config -Image $image -Name $name -HttpPort $port -StatePath $state",
            ("data", dir.Combine("data")), ("config", config), ("image", image), ("name", name), ("port", FreePort()), ("state", dir.Combine("state")));
        using (ps)
        {
            var error = SingleError(ps);
            Assert.StartsWith("ComponentExited,", error.FullyQualifiedErrorId);
            Assert.Contains("not-a-duration", error.Exception.Message);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        }
        using var docker = new DockerRuntime();
        Assert.Null(await docker.FindAsync(name, CancellationToken.None));
    }

    [SkippableFact]
    public async Task APortInUseIsReportedBeforeAnythingStarts()
    {
        RequireDocker();
        var image = await TestImages.PrometheusAsync();
        using var dir = new TempDirectory();
        var data = _year.CopyTo(dir);
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0);
        listener.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            var name = UniqueName("prom");
            var (_, ps) = Run("Start-ThanosPrometheus -DataPath $data -Image $image -Name $name -HttpPort $port -StatePath $state",
                ("data", data), ("image", image), ("name", name), ("port", port), ("state", dir.Combine("state")));
            using (ps)
            {
                var error = SingleError(ps);
                Assert.StartsWith("PortInUse,", error.FullyQualifiedErrorId);
                Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Exception.Message);
                Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
            }
            using var docker = new DockerRuntime();
            Assert.Null(await docker.FindAsync(name, CancellationToken.None));
        }
        finally
        {
            listener.Stop();
        }
    }

    [SkippableFact]
    public async Task ANameTakenByAForeignContainerIsNeverReplaced()
    {
        RequireDocker();
        var image = await TestImages.PrometheusAsync();
        using var client = new DockerClientBuilder().Build();
        var name = UniqueName("foreign");
        var foreign = await client.Containers.CreateContainerAsync(new CreateContainerParameters { Name = name, Image = image });
        try
        {
            using var dir = new TempDirectory();
            var (_, ps) = Run("Start-ThanosPrometheus -DataPath $data -Image $image -Name $name -HttpPort $port -StatePath $state -Force",
                ("data", dir.Path), ("image", image), ("name", name), ("port", FreePort()), ("state", dir.Combine("state")));
            using (ps)
            {
                var error = SingleError(ps);
                Assert.StartsWith("NameTakenByForeignContainer,", error.FullyQualifiedErrorId);
                Assert.Contains(name, error.Exception.Message);
            }
            var (_, stop) = Run("Stop-ThanosComponent -Name $name", ("name", name));
            using (stop) Assert.StartsWith("NotAThanosLabComponent,", SingleError(stop).FullyQualifiedErrorId);
            var still = await client.Containers.InspectContainerAsync(foreign.ID);
            Assert.Equal(foreign.ID, still.ID);
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(foreign.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    [SkippableFact]
    public void AMissingImageWithoutARegistryNamesTheImage()
    {
        RequireDocker();
        using var dir = new TempDirectory();
        const string image = "thanoslab-test/not-built:0";
        var (_, ps) = Run("Start-ThanosPrometheus -DataPath $data -Image $image -Name $name -HttpPort $port -StatePath $state",
            ("data", dir.Path), ("image", image), ("name", UniqueName("prom")), ("port", FreePort()), ("state", dir.Combine("state")));
        using (ps)
        {
            var error = SingleError(ps);
            Assert.StartsWith("ImageNotAvailable,", error.FullyQualifiedErrorId);
            Assert.Contains(image, error.Exception.Message);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        }
    }

    [SkippableFact]
    public void AMissingDataDirectoryIsNamed()
    {
        RequireDocker();
        using var dir = new TempDirectory();
        var missing = dir.Combine("no-such-dir");
        var (_, ps) = Run("Start-ThanosPrometheus -DataPath $data -Name $name -StatePath $state",
            ("data", missing), ("name", UniqueName("prom")), ("state", dir.Combine("state")));
        using (ps)
        {
            var error = SingleError(ps);
            Assert.StartsWith("DataDirectoryMissing,", error.FullyQualifiedErrorId);
            Assert.Contains(missing, error.Exception.Message);
        }
    }

    [SkippableFact]
    public void AnUnreachableDaemonNamesTheEndpointAndDockerHost()
    {
        // Pointing DOCKER_HOST at a socket that does not exist is the only way to make a daemon
        // unreachable without stopping the real one; this class's tests never run in parallel.
        var before = Environment.GetEnvironmentVariable("DOCKER_HOST");
        using var dir = new TempDirectory();
        var socket = "unix://" + dir.Combine("no-daemon.sock");
        Environment.SetEnvironmentVariable("DOCKER_HOST", socket);
        try
        {
            var (_, ps) = Run("Start-ThanosPrometheus -DataPath $data -Name $name -StatePath $state",
                ("data", dir.Path), ("name", UniqueName("prom")), ("state", dir.Combine("state")));
            using (ps)
            {
                var error = SingleError(ps);
                Assert.StartsWith("DockerDaemonUnreachable,", error.FullyQualifiedErrorId);
                Assert.Contains(socket, error.Exception.Message);
                Assert.Contains("DOCKER_HOST", error.ErrorDetails.RecommendedAction);
                Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOCKER_HOST", before);
        }
    }

    [SkippableFact]
    public async Task AnOwnerOnlyConfigIsHandedToTheNonRootUserTheContainerRunsAs()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file ownership");
        RequireDocker();
        var image = await TestImages.PrometheusAsync();
        using var dir = new TempDirectory();
        var data = dir.Combine("data");
        Directory.CreateDirectory(data);
        // Prometheus as uid 1001 (as the Thanos images run) must write its data directory too.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(data, (UnixFileMode)0x1FF);
        var state = new LabStateDirectory(dir.Combine("state"));
        var name = UniqueName("prom");
        var config = state.WriteConfig(name, MinimalPrometheusConfig.Create(data, null, 9090, "lab"));
        var spec = new PrometheusSpec { Name = name, Image = image, ConfigPath = config, DataPath = data, HttpPort = FreePort() }.Build()
            with { User = "1001", PrivateFiles = new[] { config } };
        using var docker = new DockerRuntime();
        var result = await ComponentLauncher.StartAsync(docker, spec, UniqueName("lab"), force: false, TimeSpan.FromSeconds(60), null, CancellationToken.None);
        try
        {
            Assert.True(result.Component.IsRunning);
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
            using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", $"-c %u {config}") { RedirectStandardOutput = true })!;
            Assert.Equal("1001", stat.StandardOutput.ReadToEnd().Trim());
        }
        finally
        {
            await docker.StopAsync(result.Component, TimeSpan.FromSeconds(5), CancellationToken.None);
        }
    }

    [SkippableFact]
    public void WhatIfShowsTheDockerCommandAndStartsNothing()
    {
        using var dir = new TempDirectory();
        var name = UniqueName("prom");
        var (output, ps) = Run("Start-ThanosPrometheus -DataPath $data -Name $name -StatePath $state -RetentionTime '1000d' -WhatIf",
            ("data", dir.Path), ("name", name), ("state", dir.Combine("state")));
        using (ps)
        {
            Assert.Empty(output);
            Assert.Empty(ps.Streams.Error);
        }
        Assert.False(Directory.Exists(dir.Combine("state")));
    }
}
