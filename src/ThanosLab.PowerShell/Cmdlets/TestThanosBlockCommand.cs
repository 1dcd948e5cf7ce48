using System.Collections.Concurrent;
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
public sealed class TestThanosBlockCommand : FileSystemPathsCmdlet
{

    private readonly List<string> _blocks = new();
    private bool _allHealthy = true;

    /// <summary>Return one boolean for all blocks instead of the results.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>Check chunks by their records (CRC, encoding, announced sample count) without decoding their samples.</summary>
    [Parameter]
    public SwitchParameter SkipSampleDecoding { get; set; }

    protected override void ProcessRecordCore()
    {
        var resolved = ResolvedPaths();
        if (resolved.Count == 0)
        {
            _allHealthy = false;
        }
        _blocks.AddRange(resolved);
    }

    /// <summary>Blocks verified at the same time; each block is verified by one thread.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    // Blocks are verified once all are known, so the progress bar can count them, and largest first, so
    // that the last block to finish is a small one and no worker idles while another verifies a big block
    // (in input order, a 1-week profile's third 48 h block ran alone). Workers on the pool verify; this
    // thread writes the results in input order.
    protected override void EndProcessingCore()
    {
        if (_blocks.Count > 0)
        {
            if (SkipSampleDecoding)
            {
                WriteVerbose("-SkipSampleDecoding: chunk records, CRCs and the sample counts of chunk headers are checked, but no sample is decoded, so samples out of order or outside their chunk's time range are not found.");
            }
            VerifyAll();
        }
        else
        {
            // A check over nothing is not a pass: an empty pipeline usually means an earlier step failed.
            _allHealthy = false;
            WriteWarning("No block was checked: no block directory reached Test-ThanosBlock (empty input, or every path failed). -Quiet returns $false.");
        }
        if (Quiet)
        {
            WriteObject(_allHealthy);
        }
    }

    private void VerifyAll()
    {
        var progress = new ProgressRecord(ProgressId, "Verifying TSDB blocks", $"{_blocks.Count} blocks");
        var pending = new Dictionary<int, Outcome>();
        var next = 0;
        var largestFirst = Enumerable.Range(0, _blocks.Count).OrderByDescending(i => SizeOnDisk(_blocks[i])).ToList();
        RunEngineWork((post, token) => Task.Run(() =>
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = ThrottleLimit, CancellationToken = token };
            Parallel.ForEach(Partitioner.Create(largestFirst, EnumerablePartitionerOptions.NoBuffering), options, i =>
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    post(new Outcome(i, BlockVerifier.Verify(_blocks[i], token, decodeSamples: !SkipSampleDecoding), null, clock.Elapsed));
                }
                catch (ThanosLabException e)
                {
                    post(new Outcome(i, null, e, clock.Elapsed));
                }
            });
            return true;
        }, token), message =>
        {
            var outcome = (Outcome)message;
            pending.Add(outcome.Index, outcome);
            while (pending.Remove(next, out var ready))
            {
                Write(ready);
                next++;
                progress.PercentComplete = next * 100 / _blocks.Count;
                progress.StatusDescription = $"{next} of {_blocks.Count} blocks verified";
                WriteProgress(progress);
            }
        });
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }

    // Only orders the work: a block that cannot be listed is verified (and its problem reported) like any other.
    private static long SizeOnDisk(string block)
    {
        try
        {
            return LocalBlockDirectory.SizeOnDisk(block);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return 0;
        }
    }

    private void Write(Outcome outcome)
    {
        if (outcome.Error is not null)
        {
            _allHealthy = false;
            WriteEngineError(outcome.Error, _blocks[outcome.Index]);
            return;
        }
        _allHealthy &= outcome.Result!.IsHealthy;
        if (!Quiet)
        {
            WriteObject(ThanosBlockTestResult.From(outcome.Result, outcome.Elapsed));
        }
    }

    private sealed record Outcome(int Index, BlockVerification? Result, ThanosLabException? Error, TimeSpan Elapsed);
}
