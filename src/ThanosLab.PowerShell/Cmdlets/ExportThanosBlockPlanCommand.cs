using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Generation;

namespace ThanosLab.Cmdlets;

/// <summary>Writes block plans as a thanosbench plan YAML stream, which <c>thanosbench block gen</c> reads.</summary>
[Cmdlet(VerbsData.Export, "ThanosBlockPlan", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportThanosBlockPlanCommand : ThanosLabCmdlet
{
    private readonly List<ThanosBlockPlan> _plans = new();

    /// <summary>The file written, taken as written (no wildcards), as Out-File's path is.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("LiteralPath", "FilePath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public ThanosBlockPlan[] InputObject { get; set; } = Array.Empty<ThanosBlockPlan>();

    /// <summary>Overwrite an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecordCore() => _plans.AddRange(InputObject);

    protected override void EndProcessingCore()
    {
        var full = GetUnresolvedProviderPathFromPSPath(Path);
        if (File.Exists(full) && !Force)
        {
            ThrowTerminatingError(ErrorRecords.Create("PlanFileExists", ErrorCategory.ResourceExists,
                $"The file '{full}' already exists.", Path, "Use -Force to overwrite it, or choose another path."));
        }
        if (Directory.Exists(full))
        {
            ThrowTerminatingError(ErrorRecords.Create("PlanPathIsDirectory", ErrorCategory.InvalidArgument,
                $"'{full}' is a directory; give a file path such as plan.yaml.", Path));
        }
        if (!ShouldProcess(full, $"Write a plan of {_plans.Count} blocks")) return;
        try
        {
            var specs = _plans.Select(p => p.ToSpec()).ToArray();
            Engine.IO.AtomicFile.WriteAllText(full, BlockPlanYaml.ToYaml(specs));
        }
        catch (ThanosLabException e)
        {
            ThrowEngineError(e, Path);
        }
        if (PassThru) WriteObject(new FileInfo(full));
    }
}
