using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.IO;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Generates thanosbench-compatible TSDB blocks from plans (Get-ThanosBlockPlan) or straight from a
/// profile, one ThanosBlock per block as it is written.
/// </summary>
[Cmdlet(VerbsCommon.New, "ThanosBlockData", DefaultParameterSetName = ProfileSet, SupportsShouldProcess = true)]
[OutputType(typeof(ThanosBlock))]
public sealed class NewThanosBlockDataCommand : BlockPlanCmdlet
{
    private const string PlanSet = "Plan";

    private readonly List<ThanosBlockPlan> _plans = new();

    [Parameter(Mandatory = true, ParameterSetName = PlanSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ThanosBlockPlan[] Plan { get; set; } = Array.Empty<ThanosBlockPlan>();

    [Parameter(Mandatory = true)]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string OutputDirectory { get; set; } = "";

    /// <summary>Blocks written at the same time; each block is written by one thread.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    /// <summary>Writes blocks even where they overlap existing blocks of the same labels.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes each block with this defect, as the compactor meets it in a bucket.</summary>
    [Parameter]
    public ThanosBlockFault? Fault { get; set; }

    protected override void ProcessRecordCore()
    {
        _plans.AddRange(ParameterSetName == ProfileSet ? PlanProfile() : Plan);
    }

    protected override void EndProcessingCore()
    {
        var target = GetUnresolvedProviderPathFromPSPath(OutputDirectory);
        var work = new List<(ThanosBlockPlan Plan, BlockSpec Spec)>();
        foreach (var plan in _plans)
        {
            if (!ShouldProcess($"{plan} in '{target}'", Fault is { } f ? $"Write TSDB block with the fault {f}" : "Write TSDB block"))
            {
                continue;
            }
            try
            {
                work.Add((plan, plan.ToSpec()));
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, plan);
            }
        }
        // Everything is checked before the first block is written.
        work = WithoutOverlaps(work, target);
        if (work.Count == 0)
        {
            return;
        }
        string directory;
        try
        {
            GenerationEstimate.Of(work.Select(w => w.Spec).ToArray(), Math.Min(ThrottleLimit, work.Count)).EnsureFits();
            directory = Engine.IO.OutputDirectory.Ensure(target);
        }
        catch (ThanosLabException e)
        {
            ThrowEngineError(e, OutputDirectory);
            throw;
        }
        Generate(work, directory);
    }

    private List<(ThanosBlockPlan Plan, BlockSpec Spec)> WithoutOverlaps(List<(ThanosBlockPlan Plan, BlockSpec Spec)> work, string target)
    {
        if (Force || work.Count == 0)
        {
            return work;
        }
        OverlappingBlocks known;
        try
        {
            known = OverlappingBlocks.In(target);
        }
        catch (ThanosLabException e)
        {
            ThrowEngineError(e, OutputDirectory);
            throw;
        }
        var kept = new List<(ThanosBlockPlan Plan, BlockSpec Spec)>(work.Count);
        foreach (var w in work)
        {
            try
            {
                known.Admit(w.Spec, w.Plan.ToString());
                kept.Add(w);
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, w.Plan);
            }
        }
        return kept;
    }

    // The blocks are written on the pool; everything that talks to PowerShell stays on this thread,
    // which handles the messages the workers post. The largest blocks go first so that the last
    // block to finish is a small one, and each worker posts its progress a few times a second, not
    // after every series.
    private void Generate(List<(ThanosBlockPlan Plan, BlockSpec Spec)> work, string directory)
    {
        var state = new GenerationProgress(work.Sum(w => w.Plan.SampleCount), work.Count);
        var progress = new ProgressRecord(ProgressId, "Generating TSDB blocks", $"{work.Count} blocks into {directory}");
        long lastShown = 0;
        BlockFault? fault = Fault is { } chosen ? Enum.Parse<BlockFault>(chosen.ToString()) : null;
        var largestFirst = work.OrderByDescending(w => w.Plan.SampleCount).ToList();
        try
        {
            RunEngineWork((post, token) => Task.Run(() =>
            {
                var options = new ParallelOptions { MaxDegreeOfParallelism = ThrottleLimit, CancellationToken = token };
                Parallel.ForEach(Partitioner.Create(largestFirst, EnumerablePartitionerOptions.NoBuffering), options, w =>
                {
                    long samples = 0, series = 0, postedAt = Stopwatch.GetTimestamp();
                    try
                    {
                        void SeriesWritten(long n)
                        {
                            samples += n;
                            series++;
                            if (Stopwatch.GetElapsedTime(postedAt) >= ProgressInterval)
                            {
                                post(new Written(samples, series));
                                samples = series = 0;
                                postedAt = Stopwatch.GetTimestamp();
                            }
                        }
                        var block = fault is { } f
                            ? BlockFaultWriter.Generate(w.Spec, f, directory, SeriesWritten, token)
                            : BlockGenerator.Generate(w.Spec, directory, SeriesWritten, token);
                        post(new Written(samples, series));
                        post(block);
                    }
                    catch (ThanosLabException e)
                    {
                        post(new FailedBlock(w.Plan, e));
                    }
                });
                return true;
            }, token), message =>
            {
                switch (message)
                {
                    case Written written:
                        state.Add(written.Samples, written.Series);
                        if (Stopwatch.GetElapsedTime(lastShown) >= ProgressInterval)
                        {
                            lastShown = Stopwatch.GetTimestamp();
                            progress.PercentComplete = state.PercentComplete;
                            progress.StatusDescription = state.Describe();
                            progress.SecondsRemaining = state.Remaining is { } left ? (int)Math.Ceiling(left.TotalSeconds) : -1;
                            WriteProgress(progress);
                        }
                        break;
                    case GeneratedBlock block:
                        state.BlockDone();
                        WriteObject(ThanosBlock.From(block.Meta, block.Path, null, block.SizeBytes));
                        break;
                    case FailedBlock failed:
                        WriteEngineError(failed.Error, failed.Plan);
                        break;
                }
            });
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private sealed record Written(long Samples, long Series);

    private sealed record FailedBlock(ThanosBlockPlan Plan, ThanosLabException Error);
}
