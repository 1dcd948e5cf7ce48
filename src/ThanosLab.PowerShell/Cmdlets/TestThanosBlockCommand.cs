using System.Diagnostics;
using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Tsdb;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Verifies block directories deeply (every CRC, sort order, chunk, sample and stat) and reports
/// one result per block; corrupt blocks are results with issues, never errors.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ThanosBlock", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ThanosBlockTestResult), typeof(bool))]
public sealed class TestThanosBlockCommand : ThanosLabCmdlet
{
    private const string PathSet = "Path";

    private readonly List<string> _blocks = new();
    private bool _allHealthy = true;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Return one boolean for all blocks instead of the results.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        var resolved = ResolveFileSystemPaths(Path);
        if (resolved.Count == 0)
        {
            _allHealthy = false;
        }
        _blocks.AddRange(resolved);
    }

    // Blocks are verified once all are known, so the progress bar can count them.
    protected override void EndProcessing()
    {
        var progress = new ProgressRecord(1, "Verifying TSDB blocks", $"{_blocks.Count} blocks");
        for (var i = 0; i < _blocks.Count; i++)
        {
            var block = _blocks[i];
            progress.PercentComplete = i * 100 / _blocks.Count;
            progress.StatusDescription = $"Block {i + 1} of {_blocks.Count}: {System.IO.Path.GetFileName(block)}";
            WriteProgress(progress);
            var clock = Stopwatch.StartNew();
            BlockVerification verification;
            try
            {
                verification = BlockVerifier.Verify(block, Cancellation);
            }
            catch (ThanosLabException e)
            {
                _allHealthy = false;
                WriteEngineError(e, block);
                continue;
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            _allHealthy &= verification.IsHealthy;
            if (!Quiet)
            {
                WriteObject(ThanosBlockTestResult.From(verification, clock.Elapsed));
            }
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        if (Quiet)
        {
            WriteObject(_allHealthy);
        }
    }
}
