using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Base of the cmdlets that work block by block on local blocks (Invoke-ThanosDownsample,
/// Get-ThanosSeries, Test-ThanosDownsample): block or data directories from -Path or the pipeline
/// (ThanosBlock objects by their Path) or -LiteralPath, what is not a block said in verbose output,
/// an unreadable meta.json or a failing block a non-terminating error.
/// </summary>
public abstract class LocalBlocksCmdlet : FileSystemPathsCmdlet
{

    /// <summary>The work on one block; a <see cref="ThanosLabException"/> it throws is written as that block's error.</summary>
    protected abstract void ProcessBlock(string path, BlockMeta meta);

    protected override void ProcessRecordCore()
    {
        var paths = ResolvedPaths();
        foreach (var path in paths)
        {
            LocalBlockEntry[] entries;
            try
            {
                entries = LocalBlockDirectory.List(path, cancellation: Cancellation).ToArray();
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, path);
                continue;
            }
            foreach (var entry in entries)
            {
                Process(entry);
            }
        }
    }

    private void Process(LocalBlockEntry entry)
    {
        switch (entry.State)
        {
            case LocalBlockState.Skipped:
                WriteVerbose($"Skipped '{entry.Path}': {entry.Reason}.");
                return;
            case LocalBlockState.Invalid:
                WriteEngineError(entry.Error!, entry.Path);
                return;
        }
        CurrentTarget = entry.Path;
        try
        {
            ProcessBlock(entry.Path, entry.Meta!);
        }
        catch (ThanosLabException e)
        {
            WriteEngineError(e, entry.Path);
        }
    }
}
