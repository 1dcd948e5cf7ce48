using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ThanosLab.Engine.IO;

namespace ThanosLab.Engine.Lab;

/// <summary>
/// Components as native processes (prometheus, thanos, minio from PATH or an explicit binary),
/// detached from the session (own session via setsid, output written to
/// <c>&lt;state&gt;/&lt;name&gt;.log</c>), found again through <c>&lt;name&gt;.pid</c> and
/// <c>&lt;name&gt;.json</c> — a pid counts only while it still runs the recorded binary.
/// </summary>
public sealed class ProcessRuntime : IComponentRuntime
{
    private const int SigTerm = 15;
    private const int SigKill = 9;
    private readonly LabStateDirectory _state;
    private readonly string? _binaryPath;

    /// <param name="binaryPath">The binary to run instead of the spec's from PATH.</param>
    public ProcessRuntime(LabStateDirectory state, string? binaryPath = null)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new ThanosLabException(ErrorKind.NotInstalled, "ProcessRuntimeNotSupported",
                "The process runtime detaches components with setsid and signals them with SIGTERM, which Windows does not have.", null,
                "Use -Runtime Docker on Windows.");
        }
        _state = state;
        _binaryPath = binaryPath;
    }

    public string Name => "Process";

    public Task<RunningComponent?> FindAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Load(name));

    public Task<IReadOnlyList<RunningComponent>> ListAsync(string? lab, CancellationToken cancellationToken)
    {
        IReadOnlyList<RunningComponent> list = !Directory.Exists(_state.Path)
            ? Array.Empty<RunningComponent>()
            : Directory.EnumerateFiles(_state.Path, "*.pid")
                .Select(p => Load(Path.GetFileNameWithoutExtension(p)))
                .OfType<RunningComponent>()
                .Where(c => lab is null || c.Lab == lab)
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ToList();
        return Task.FromResult(list);
    }

    public Task PrepareAsync(ComponentSpec spec, IProgress<LabProgress>? progress, CancellationToken cancellationToken)
    {
        ResolveBinary(spec);
        return Task.CompletedTask;
    }

    public Task<RunningComponent> StartAsync(ComponentSpec spec, string lab, CancellationToken cancellationToken)
    {
        var binary = ResolveBinary(spec);
        var stateDir = _state.Ensure();
        // Thanos keeps relative working data (store and compactor --data-dir ./data) in the working folder.
        var workDir = _state.Ensure(Path.Combine("work", spec.Name));
        var log = Path.Combine(stateDir, spec.Name + ".log");
        var setsid = FindOnPath("setsid");
        var start = new ProcessStartInfo(setsid ?? "/bin/sh") { UseShellExecute = false, WorkingDirectory = workDir };
        if (setsid is not null) start.ArgumentList.Add("/bin/sh");
        // The shell only redirects and then becomes the binary (exec), so the pid stays the binary's.
        // The log starts afresh with every start, so a start-up error shows this run's output only.
        foreach (var a in new[] { "-c", "log=\"$1\"; shift; exec \"$@\" >\"$log\" 2>&1 </dev/null", "sh", log, binary })
        {
            start.ArgumentList.Add(a);
        }
        foreach (var a in HostArguments.Translate(spec))
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (k, v) in spec.Environment)
        {
            start.Environment[k] = v;
        }
        var stateFile = Path.Combine(stateDir, spec.Name + ".json");
        AtomicFile.WriteAllText(stateFile, new ProcessState
        {
            Name = spec.Name,
            Kind = spec.Kind,
            Lab = lab,
            Binary = binary,
            HttpPort = spec.HttpPort,
            GrpcPort = spec.GrpcPort,
            SpecHash = SpecHash.Compute(spec),
            ReadinessPath = spec.ReadinessPath,
            DataPath = spec.DataPath,
        }.ToJson());
        int pid;
        try
        {
            using var process = Process.Start(start)!;
            pid = process.Id;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            File.Delete(stateFile);
            throw new ThanosLabException(ErrorKind.InvalidOperation, "ProcessStartFailed",
                $"Cannot start '{binary}' for '{spec.Name}': {e.Message}", spec.Name, "Check the binary and the state folder.", e);
        }
        try
        {
            AtomicFile.WriteAllText(Path.Combine(stateDir, spec.Name + ".pid"), pid.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (ThanosLabException)
        {
            // Without its pid file nothing could find or stop the process again: it goes now.
            Signal(pid, SigKill);
            while (IsAlive(pid))
            {
                Thread.Sleep(10);
            }
            File.Delete(stateFile);
            throw;
        }
        // exec happens right after fork: wait until the pid runs the binary (or is gone) before reporting.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline && IsAlive(pid) && !RunsBinary(pid, binary))
        {
            Thread.Sleep(10);
        }
        return Task.FromResult(Load(spec.Name) ?? throw new ThanosLabException(ErrorKind.InvalidOperation, "ComponentVanished",
            $"The state of '{spec.Name}' vanished right after it started.", spec.Name, $"Check '{stateDir}'."));
    }

    public Task<RunningComponent?> RefreshAsync(RunningComponent component, CancellationToken cancellationToken) =>
        Task.FromResult(Load(component.Name));

    public async Task<string> LogTailAsync(RunningComponent component, int lines, CancellationToken cancellationToken)
    {
        var log = Path.Combine(_state.Path, component.Name + ".log");
        if (!File.Exists(log)) return "(no output)";
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        // Only the end matters; a long-running component's log can be large.
        stream.Seek(Math.Max(0, stream.Length - 64 * 1024), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return string.Join('\n', text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).TakeLast(lines));
    }

    public async Task StopAsync(RunningComponent component, TimeSpan grace, CancellationToken cancellationToken)
    {
        var pid = int.Parse(component.Id, CultureInfo.InvariantCulture);
        if (component.IsRunning)
        {
            Signal(pid, SigTerm);
            var deadline = DateTime.UtcNow + grace;
            while (IsAlive(pid) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            if (IsAlive(pid))
            {
                Signal(pid, SigKill);
                while (IsAlive(pid))
                {
                    await Task.Delay(20, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        foreach (var ext in new[] { ".pid", ".json" })
        {
            File.Delete(Path.Combine(_state.Path, component.Name + ext));
        }
    }

    public void Dispose()
    {
    }

    private RunningComponent? Load(string name)
    {
        var pidFile = Path.Combine(_state.Path, name + ".pid");
        var state = ProcessState.TryRead(Path.Combine(_state.Path, name + ".json"));
        if (state is null || state.Name != name || !File.Exists(pidFile)) return null;
        if (!int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return null;
        // A pid is recycled by the system once its process is gone: only the recorded binary counts.
        var running = IsAlive(pid) && RunsBinary(pid, state.Binary);
        return new RunningComponent
        {
            Name = name,
            Kind = state.Kind,
            Runtime = Name,
            Id = pid.ToString(CultureInfo.InvariantCulture),
            Lab = state.Lab,
            Image = state.Binary,
            State = running ? "running" : "exited",
            HttpPort = state.HttpPort,
            GrpcPort = state.GrpcPort,
            Network = LabNetwork.Host,
            SpecHash = state.SpecHash,
            ReadinessPath = state.ReadinessPath,
            DataPath = state.DataPath,
        };
    }

    private string ResolveBinary(ComponentSpec spec)
    {
        if (_binaryPath is not null)
        {
            if (!File.Exists(_binaryPath))
            {
                throw new ThanosLabException(ErrorKind.ObjectNotFound, "BinaryNotFound",
                    $"The binary '{_binaryPath}' does not exist.", _binaryPath, $"Give the path of the {spec.Binary} executable with -BinaryPath.");
            }
            return Path.GetFullPath(_binaryPath);
        }
        return FindOnPath(spec.Binary) ?? throw new ThanosLabException(ErrorKind.NotInstalled, "BinaryNotFound",
            $"'{spec.Binary}' is not on PATH, so '{spec.Name}' cannot run as a process.", spec.Binary,
            $"Install {spec.Binary} (Debian: apt-get install {(spec.Binary == "prometheus" ? "prometheus" : spec.Binary)}), give -BinaryPath, or use -Runtime Docker.");
    }

    private static string? FindOnPath(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    private static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            // A zombie still has a /proc entry; its state letter says it is gone.
            var stat = $"/proc/{pid}/stat";
            try
            {
                var text = File.ReadAllText(stat);
                var close = text.LastIndexOf(')');
                return close > 0 && close + 2 < text.Length && text[close + 2] is not ('Z' or 'X');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
        return Kill(pid, 0) == 0;
    }

    private static bool RunsBinary(int pid, string binary)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                var exe = new FileInfo($"/proc/{pid}/exe").LinkTarget;
                return exe is not null && SamePath(exe, binary);
            }
            using var process = Process.GetProcessById(pid);
            return process.MainModule?.FileName is { } file && SamePath(file, binary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static bool SamePath(string a, string b)
    {
        static string Real(string p) => new FileInfo(p).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(p);
        return Real(a) == Real(b);
    }

    private static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0 && IsAlive(pid))
        {
            throw new ThanosLabException(ErrorKind.PermissionDenied, "SignalFailed",
                $"Cannot signal process {pid} (errno {Marshal.GetLastPInvokeError()}).", pid, "Stop it as its owner.");
        }
    }

    // DllImport, not LibraryImport: the engine compiles without unsafe code, and kill's int
    // arguments need no marshalling.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
