using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Tsdb;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Lists the blocks of local Prometheus/TSDB data directories from their meta.json and file sizes.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ThanosBlock", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ThanosBlock))]
public sealed class GetThanosBlockCommand : ThanosLabCmdlet
{
    private const string PathSet = "Path";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath", "DataPath")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    protected override void ProcessRecord()
    {
        var patterns = Id?.Select(i => new WildcardPattern(i, WildcardOptions.IgnoreCase)).ToArray();
        Func<string, bool>? include = patterns is null ? null : name => patterns.Any(p => p.IsMatch(name));
        foreach (var directory in ResolveFileSystemPaths(Path))
        {
            IEnumerable<LocalBlockEntry> entries;
            try
            {
                entries = LocalBlockDirectory.List(directory, include, Cancellation);
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, directory);
                continue;
            }
            foreach (var entry in entries)
            {
                switch (entry.State)
                {
                    case LocalBlockState.Block:
                        WriteObject(ThanosBlock.From(entry.Meta!, entry.Path, null, entry.SizeBytes));
                        break;
                    case LocalBlockState.Skipped:
                        WriteVerbose($"Skipping '{entry.Path}': {entry.Reason}.");
                        break;
                    case LocalBlockState.Invalid:
                        WriteEngineError(entry.Error!, entry.Path);
                        break;
                }
            }
        }
    }
}
