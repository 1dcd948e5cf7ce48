using System.Collections.Concurrent;
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

    protected override void ProcessRecord()
    {
        _plans.AddRange(ParameterSetName == ProfileSet ? PlanProfile() : Plan);
    }

    protected override void EndProcessing()
    {
        var target = GetUnresolvedProviderPathFromPSPath(OutputDirectory);
        var work = new List<(ThanosBlockPlan Plan, BlockSpec Spec)>();
        foreach (var plan in _plans)
        {
            if (!ShouldProcess($"{plan} in '{target}'", "Write TSDB block"))
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
    // which drains the messages the workers post.
    private void Generate(List<(ThanosBlockPlan Plan, BlockSpec Spec)> work, string directory)
    {
        var total = Math.Max(1, work.Sum(w => w.Plan.SampleCount));
        using var messages = new BlockingCollection<object>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = ThrottleLimit, CancellationToken = Cancellation };
        var worker = Task.Run(() =>
        {
            try
            {
                Parallel.ForEach(work, options, w =>
                {
                    try
                    {
                        messages.Add(BlockGenerator.Generate(w.Spec, directory, n => messages.Add(n), options.CancellationToken));
                    }
                    catch (ThanosLabException e)
                    {
                        messages.Add(new FailedBlock(w.Plan, e));
                    }
                });
            }
            finally
            {
                messages.CompleteAdding();
            }
        });

        var progress = new ProgressRecord(1, "Generating TSDB blocks", $"{work.Count} blocks into {directory}");
        long written = 0;
        var lastPercent = -1;
        var blocks = 0;
        foreach (var message in messages.GetConsumingEnumerable())
        {
            switch (message)
            {
                case long samples:
                    written += samples;
                    var percent = (int)Math.Min(100, written * 100 / total);
                    if (percent != lastPercent)
                    {
                        lastPercent = percent;
                        progress.PercentComplete = percent;
                        progress.StatusDescription = $"{written:N0} of {total:N0} samples, {blocks} of {work.Count} blocks";
                        WriteProgress(progress);
                    }
                    break;
                case GeneratedBlock block:
                    blocks++;
                    WriteObject(ThanosBlock.From(block.Meta, block.Path, null, block.SizeBytes));
                    break;
                case FailedBlock failed:
                    WriteEngineError(failed.Error, failed.Plan);
                    break;
            }
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        try
        {
            worker.GetAwaiter().GetResult();
        }
        catch (Exception e) when (Cancellation.IsCancellationRequested &&
            (e is OperationCanceledException || e is AggregateException a && a.InnerExceptions.All(x => x is OperationCanceledException)))
        {
            throw new PipelineStoppedException();
        }
    }

    private sealed record FailedBlock(ThanosBlockPlan Plan, ThanosLabException Error);
}
