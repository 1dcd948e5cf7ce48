using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Objstore.Doctor;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Downsamples local blocks as Thanos' compactor does (raw → 5m, 5m → 1h), or runs the compactor's
/// downsampling pass on a bucket (-Bucket); one ThanosBlock out per block written; a block the compactor
/// would not downsample is skipped with a warning naming the rule.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ThanosDownsample", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(ThanosBlock))]
public sealed class InvokeThanosDownsampleCommand : LocalBlocksCmdlet
{
    private const string BucketSet = "Bucket";

    private readonly BlockDownsampler _downsampler = new();
    private string _outputPath = "";
    private long _target;
    private string? _output;

    [Parameter(Mandatory = true, ParameterSetName = BucketSet)]
    [ValidateNotNull]
    public ThanosBucketConfig Bucket { get; set; } = null!;

    /// <summary>Without it, -Bucket does both of the compactor's steps: raw → 5m, then 5m → 1h over the new state.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
    [Parameter(ParameterSetName = BucketSet)]
    [ValidateSet("5m", "1h")]
    public string Resolution { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
    [ValidateNotNullOrEmpty]
    public string OutputDirectory { get; set; } = "";

    /// <summary>The compactor's --delete-delay: a deletion-marked block leaves its view after half of it.</summary>
    [Parameter(ParameterSetName = BucketSet)]
    [DurationTransformation]
    public TimeSpan DeleteDelay { get; set; } = BucketSurvey.DefaultDeleteDelay;

    /// <summary>Blocks downsampled at once in the bucket, and object transfers in flight across them.</summary>
    [Parameter(ParameterSetName = BucketSet)]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 2;

    protected override void BeginProcessingCore()
    {
        if (ParameterSetName == BucketSet)
        {
            return;
        }
        _target = DownsampleResolution.ParseTarget(Resolution);
        _outputPath = GetUnresolvedProviderPathFromPSPath(OutputDirectory);
    }

    protected override void ProcessRecordCore()
    {
        if (ParameterSetName == BucketSet)
        {
            DownsampleBucket();
            return;
        }
        base.ProcessRecordCore();
    }

    protected override void ProcessBlock(string path, BlockMeta meta)
    {
        var reason = DownsampleResolution.WhyNotEligible(meta, _target);
        if (reason is not null)
        {
            WriteWarning($"Block {meta.Id} is not downsampled to {Resolution}: {reason}.");
            return;
        }
        if (!ShouldProcess($"block {meta.Id} ({DownsampleResolution.Name(DownsampleResolution.Of(meta))}) into '{_outputPath}'", $"Downsample to {Resolution}"))
        {
            return;
        }
        _output ??= Engine.IO.OutputDirectory.Ensure(_outputPath);
        var block = _downsampler.Downsample(path, _target, _output, Cancellation);
        foreach (var warning in block.Warnings)
        {
            WriteWarning($"Block {meta.Id}: {warning}.");
        }
        WriteObject(ThanosBlock.From(block.Meta, block.Path, null, block.SizeBytes));
    }

    private void DownsampleBucket()
    {
        using var bucket = Bucket.Config.Open();
        CurrentTarget = bucket.Location;
        var downsampler = new BucketDownsampler(bucket, ThrottleLimit, DeleteDelay);
        var targets = Resolution.Length == 0
            ? new[] { DownsampleResolution.FiveMinutes, DownsampleResolution.OneHour }
            : new[] { DownsampleResolution.ParseTarget(Resolution) };
        var whatIf = MyInvocation.BoundParameters.ContainsKey("WhatIf");
        var followers = new List<BlockDownsampleStatus>();
        foreach (var target in targets)
        {
            // Each pass reads the bucket again, so the 1h pass sees the 5m blocks the 5m pass made.
            var statuses = Await(downsampler.SurveyAsync(target, Cancellation));
            var due = Explain(statuses, target, bucket.Location);
            var approved = due.Where(s => ShouldProcess(
                $"block {s.Block.Id} ({DownsampleResolution.Name(s.Resolution)}, {s.Block.SizeBytes:N0} bytes) in {bucket.Location}: download it, write its {DownsampleResolution.Name(target)} block to {bucket.Location}",
                $"Downsample to {DownsampleResolution.Name(target)}")).ToList();
            // Under -WhatIf nothing is written, so the 1h pass cannot see the 5m blocks; it says which would follow.
            foreach (var s in followers)
            {
                ShouldProcess($"the 5m block to be made from block {s.Block.Id} in {bucket.Location}: write its 1h block to {bucket.Location}", "Downsample to 1h");
            }
            followers = whatIf ? due.Where(BucketDownsampler.NextResolutionFollows).ToList() : new List<BlockDownsampleStatus>();
            if (approved.Count > 0)
            {
                Run(downsampler, approved, target, bucket.Location);
            }
        }
    }

    /// <summary>Says what the pass leaves alone and why; returns the blocks it has to do.</summary>
    private List<BlockDownsampleStatus> Explain(IReadOnlyList<BlockDownsampleStatus> statuses, long target, string location)
    {
        var name = DownsampleResolution.Name(target);
        foreach (var s in statuses)
        {
            switch (s.State)
            {
                case DownsampleState.Downsampled:
                    WriteVerbose($"Block {s.Block.Id} is already downsampled to {name} (by {string.Join(", ", s.DownsampledTo)}).");
                    break;
                case DownsampleState.NotEligible:
                    WriteWarning($"Block {s.Block.Id} is not downsampled to {name}: {s.Reason}.");
                    break;
            }
        }
        var due = statuses.Where(s => s.State == DownsampleState.Eligible).ToList();
        if (due.Count == 0)
        {
            var done = statuses.Count(s => s.State == DownsampleState.Downsampled);
            var left = statuses.Count - done;
            WriteWarning($"Nothing to downsample to {name} in {location}: of its {statuses.Count} {DownsampleResolution.Name(DownsampleChecker.SourceResolution(target))} block(s), {done} {(done == 1 ? "is" : "are")} already downsampled and {left} {(left == 1 ? "is" : "are")} not eligible.");
        }
        return due;
    }

    private void Run(BucketDownsampler downsampler, List<BlockDownsampleStatus> blocks, long target, string location)
    {
        var name = DownsampleResolution.Name(target);
        var progress = new ProgressRecord(ProgressId, $"Downsampling to {name} in {location}", $"0 of {blocks.Count} block(s)");
        var children = new Dictionary<string, ProgressRecord>(StringComparer.Ordinal);
        var finished = 0;
        WriteProgress(progress);
        RunEngineWork((post, token) => downsampler.DownsampleAsync(blocks, p => post(p), token), message =>
        {
            var p = (BucketDownsampleProgress)message;
            if (!children.TryGetValue(p.SourceId, out var child))
            {
                children[p.SourceId] = child = new ProgressRecord(NewProgressId(), $"Block {p.SourceId}", "starting") { ParentActivityId = ProgressId };
            }
            child.StatusDescription = p.Stage switch
            {
                BucketDownsampleStage.Downloading => "downloading",
                BucketDownsampleStage.Downsampling => $"downsampling {p.Bytes:N0} bytes downloaded",
                BucketDownsampleStage.Uploading => $"uploading, {p.Bytes:N0} bytes sent",
                _ => p.Stage.ToString(),
            };
            if (p.Stage is BucketDownsampleStage.Done or BucketDownsampleStage.Failed)
            {
                child.RecordType = ProgressRecordType.Completed;
                finished++;
                progress.StatusDescription = $"{finished} of {blocks.Count} block(s)";
                progress.PercentComplete = finished * 100 / blocks.Count;
                WriteProgress(progress);
            }
            WriteProgress(child);
            if (p.Error is { } error)
            {
                WriteEngineError(error, p.SourceId);
            }
            if (p.Written is { } written)
            {
                foreach (var warning in written.Warnings)
                {
                    WriteWarning($"Block {p.SourceId}: {warning}.");
                }
                WriteObject(ThanosBlock.From(written.Meta, null, written.Location, written.SizeBytes));
            }
        });
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }
}
