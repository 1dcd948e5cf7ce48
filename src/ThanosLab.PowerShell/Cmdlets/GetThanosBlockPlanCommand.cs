using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Generation;

namespace ThanosLab.Cmdlets;

/// <summary>Plans the blocks of a thanosbench profile, or reads a thanosbench plan file.</summary>
[Cmdlet(VerbsCommon.Get, "ThanosBlockPlan", DefaultParameterSetName = ProfileSet)]
[OutputType(typeof(ThanosBlockPlan))]
public sealed class GetThanosBlockPlanCommand : BlockPlanCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    [Parameter(Mandatory = true, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    protected override void ProcessRecordCore()
    {
        if (ParameterSetName == ProfileSet)
        {
            WriteObject(PlanProfile(), enumerateCollection: true);
            return;
        }
        foreach (var full in ParameterSetName == LiteralPathSet ? ResolveFileSystemPaths(LiteralPath, literal: true) : ResolveFileSystemPaths(Path))
        {
            var p = full;
            try
            {
                var specs = BlockPlanYaml.ReadFile(full);
                var name = System.IO.Path.GetFileName(full);
                for (var i = 0; i < specs.Count; i++)
                {
                    WriteObject(ThanosBlockPlan.From(specs[i], name, i));
                }
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, p);
            }
        }
    }
}
