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
    // which handles the messages the workers post.
    private void Generate(List<(ThanosBlockPlan Plan, BlockSpec Spec)> work, string directory)
    {
        var total = Math.Max(1, work.Sum(w => w.Plan.SampleCount));
        var progress = new ProgressRecord(ProgressId, "Generating TSDB blocks", $"{work.Count} blocks into {directory}");
        long written = 0;
        BlockFault? fault = Fault is { } chosen ? Enum.Parse<BlockFault>(chosen.ToString()) : null;
        var lastPercent = -1;
        var blocks = 0;
        try
        {
            RunEngineWork((post, token) => Task.Run(() =>
            {
                var options = new ParallelOptions { MaxDegreeOfParallelism = ThrottleLimit, CancellationToken = token };
                Parallel.ForEach(work, options, w =>
                {
                    try
                    {
                        post(fault is { } f
                            ? BlockFaultWriter.Generate(w.Spec, f, directory, n => post(n), token)
                            : BlockGenerator.Generate(w.Spec, directory, n => post(n), token));
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
            });
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }

    private sealed record FailedBlock(ThanosBlockPlan Plan, ThanosLabException Error);
}
