using System.Management.Automation;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Base of the cmdlets that read file system paths: -Path (wildcards, bound by value and by the
/// property names Path and DataPath, so ThanosBlock objects and Prometheus components bind) beside
/// -LiteralPath (taken as written; PSPath and FullName bind Get-Item and Get-ChildItem output), in two
/// parameter sets, resolved one way.
/// </summary>
public abstract class FileSystemPathsCmdlet : ThanosLabCmdlet
{
    protected const string PathSet = "Path";
    protected const string LiteralPathSet = "LiteralPath";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("DataPath")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>This record's -Path or -LiteralPath resolved; what does not exist is already a non-terminating error.</summary>
    protected List<string> ResolvedPaths() =>
        ParameterSetName == LiteralPathSet ? ResolveFileSystemPaths(LiteralPath, literal: true) : ResolveFileSystemPaths(Path);
}
