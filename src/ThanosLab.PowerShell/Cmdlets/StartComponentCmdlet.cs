using System.Globalization;
using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine;
using ThanosLab.Engine.Configuration;
using ThanosLab.Engine.Lab;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Base of the Start-Thanos* cmdlets: builds the component's spec, shows it for -WhatIf, writes
/// the configs it mounts, starts it (or returns it when it already runs with the same spec) and
/// waits until it is ready.
/// </summary>
public abstract class StartComponentCmdlet : LabCmdlet
{
    /// <summary>The container or process name; the tutorial's by default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    [ValidateSet("Docker", "Process")]
    public string Runtime { get; set; } = "Docker";

    /// <summary>Another image than the tutorial's (Docker runtime).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Image { get; set; }

    /// <summary>The executable to run (Process runtime); default the binary on PATH.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BinaryPath { get; set; }

    /// <summary>Host (the tutorial's --net=host) or Bridge (the thanoslab network, ports published).</summary>
    [Parameter]
    [ValidateSet("Host", "Bridge")]
    public string Network { get; set; } = "Host";

    /// <summary>127.0.0.1 (default: this machine only) or 0.0.0.0 (all interfaces, the tutorial's flags).</summary>
    [Parameter]
    [ValidateSet("127.0.0.1", "0.0.0.0")]
    public string ListenAddress { get; set; } = Engine.Lab.ListenAddress.Loopback.Host;

    /// <summary>Replace a component of the same name that runs with a different spec.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>How long to wait for readiness.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The plan: the spec, and the configs to write before it starts.</summary>
    protected sealed record Plan(ComponentSpec Spec, IReadOnlyList<(string Path, IConfigDocument Document)> Configs);

    protected abstract ComponentKind Kind { get; }

    protected abstract string DefaultName { get; }

    /// <summary>Builds the spec; writes nothing (config paths come from LabStateDirectory.ConfigPath).</summary>
    protected abstract Plan Build(string name, string network, LabStateDirectory state);

    protected string ComponentName => Name ?? DefaultName;

    /// <summary>What starting <paramref name="spec"/> would destroy, or null; when set, the start asks as ConfirmImpact High would.</summary>
    protected virtual string? IrreversibleConsequence(ComponentSpec spec) => null;

    /// <summary>The Docker network the spec uses for the chosen -Network.</summary>
    protected string SpecNetwork => Network == "Bridge" && Runtime == "Docker" ? LabNetwork.BridgeName : LabNetwork.Host;

    protected string ImageOr(string fallback) => Image ?? fallback;

    /// <summary>-ListenAddress for the spec.</summary>
    protected Engine.Lab.ListenAddress Listen => Engine.Lab.ListenAddress.Parse(ListenAddress);

    /// <summary>host:port of <paramref name="upstream"/> as this component reaches it.</summary>
    protected string PeerAddress(ThanosComponent upstream, int port)
    {
        var p = port.ToString(CultureInfo.InvariantCulture);
        // On the thanoslab bridge, containers reach each other by name; everywhere else through the host.
        return SpecNetwork == LabNetwork.BridgeName && upstream.Network == LabNetwork.BridgeName ? $"{upstream.Name}:{p}" : $"127.0.0.1:{p}";
    }

    protected override void BeginProcessingCore() => ReadinessProbe.CheckTimeout(Timeout);

    /// <summary>One component per input; a cmdlet that gathers its input first starts in EndProcessing instead.</summary>
    protected override void ProcessRecordCore() => Start();

    /// <summary>
    /// Starts one component. Parameters that make no valid specification are an invalid invocation
    /// (terminating); a component that fails to start is this item's error, and the next item goes on.
    /// </summary>
    protected void Start()
    {
        var state = State;
        var name = ComponentName;
        CurrentTarget = name;
        var plan = Build(name, SpecNetwork, state);
        var spec = plan.Spec with { PrivateFiles = plan.Configs.Select(c => c.Path).ToList() };
        var shown = Runtime == "Docker"
            ? spec.ToString()
            : $"{BinaryPath ?? spec.Binary} {string.Join(' ', HostArguments.Translate(spec))}";
        var action = $"Start {Kind} '{name}' ({Runtime})";
        var consequence = IrreversibleConsequence(spec);
        if (!(consequence is null ? ShouldProcess(shown, action) : ShouldProcessIrreversible(shown, action, consequence, Force)))
        {
            return;
        }
        WriteVerbose(shown);
        if (spec.ListenAddress.IsAllInterfaces)
        {
            WriteWarning($"'{name}' listens on all interfaces (port {string.Join(", ", spec.Ports)}), as in the tutorial: anyone who reaches this host can use its API" +
                (Kind == ComponentKind.Prometheus ? ", including Prometheus' admin API (deleting series, snapshots) and lifecycle API (shutdown, reload)." : ".") +
                " Leave -ListenAddress out to keep it on 127.0.0.1.");
        }
        try
        {
            using var runtime = CreateRuntime(Runtime, BinaryPath);
            if (plan.Configs.Count > 0)
            {
                spec = spec with { ConfigFingerprint = state.Fingerprint(plan.Configs.Select(c => c.Document.ToYaml())) };
            }
            void WriteConfigs()
            {
                foreach (var (_, document) in plan.Configs)
                {
                    state.WriteConfig(name, document);
                }
            }
            var result = RunWithProgress($"Starting {name}",
                (p, token) => ComponentLauncher.StartAsync(runtime, spec, Lab, Force, Timeout, p, token, WriteConfigs, state));
            if (result.Reused)
            {
                WriteVerbose($"'{name}' already runs with the same specification; returning it.");
            }
            WriteObject(ThanosComponent.From(result.Component, state.Path));
        }
        catch (ThanosLabException e)
        {
            WriteEngineError(e, name);
        }
    }
}
