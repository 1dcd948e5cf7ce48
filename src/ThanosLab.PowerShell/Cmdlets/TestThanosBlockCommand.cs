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

    /// <summary>Blocks verified at the same time; each block is verified by one thread.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    // Blocks are verified once all are known, so the progress bar can count them. Workers on the pool
    // verify; this thread writes the results in input order.
    protected override void EndProcessing()
    {
        if (_blocks.Count > 0)
        {
            VerifyAll();
        }
        if (Quiet)
        {
            WriteObject(_allHealthy);
        }
    }

    private void VerifyAll()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        using var messages = new BlockingCollection<Outcome>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = ThrottleLimit, CancellationToken = stop.Token };
        var worker = Task.Run(() =>
        {
            try
            {
                Parallel.For(0, _blocks.Count, options, i =>
                {
                    var clock = Stopwatch.StartNew();
                    try
                    {
                        messages.Add(new Outcome(i, BlockVerifier.Verify(_blocks[i], options.CancellationToken), null, clock.Elapsed));
                    }
                    catch (ThanosLabException e)
                    {
                        messages.Add(new Outcome(i, null, e, clock.Elapsed));
                    }
                });
            }
            finally
            {
                messages.CompleteAdding();
            }
        });

        var progress = new ProgressRecord(1, "Verifying TSDB blocks", $"{_blocks.Count} blocks");
        var pending = new Dictionary<int, Outcome>();
        var next = 0;
        try
        {
            foreach (var outcome in messages.GetConsumingEnumerable())
            {
                pending.Add(outcome.Index, outcome);
                while (pending.Remove(next, out var ready))
                {
                    Write(ready);
                    next++;
                    progress.PercentComplete = next * 100 / _blocks.Count;
                    progress.StatusDescription = $"{next} of {_blocks.Count} blocks verified";
                    WriteProgress(progress);
                }
            }
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            worker.GetAwaiter().GetResult();
        }
        catch (Exception e) when (Cancellation.IsCancellationRequested &&
            (e is OperationCanceledException || e is AggregateException a && a.InnerExceptions.All(x => x is OperationCanceledException)))
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            // When the pipeline stops early (Ctrl+C, Select-Object -First) the workers stop too.
            stop.Cancel();
            try
            {
                worker.Wait();
            }
            catch (AggregateException)
            {
            }
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
