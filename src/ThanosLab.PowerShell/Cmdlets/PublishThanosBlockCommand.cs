using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Uploads local blocks to a bucket the way Thanos' shipper and <c>tools bucket upload-blocks</c> do;
/// one ThanosBlock (with its bucket location) per uploaded block.
/// </summary>
[Cmdlet(VerbsData.Publish, "ThanosBlock", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(ThanosBlock))]
public sealed class PublishThanosBlockCommand : ShippedBlocksCmdlet
{
    [Parameter]
    [ValidateSet("None", "SHA256", IgnoreCase = true)]
    public string HashFunction { get; set; } = "None";

    /// <summary>Objects transferred at the same time, across files and blocks.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 8;

    /// <summary>Ignore thanos.shipper.json: upload every block the bucket does not have, at the risk of overlaps.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void EndProcessingCore()
    {
        var options = new UploadOptions
        {
            ExternalLabels = ExternalLabels(),
            UploadCompacted = UploadCompacted,
            IgnoreShipperState = Force,
            Hash = Enum.Parse<Engine.Objstore.HashFunction>(HashFunction, ignoreCase: true),
            Parallelism = ThrottleLimit,
        };
        using var bucket = Bucket.Config.Open();
        var uploader = new BlockUploader(bucket, options);
        foreach (var (dataDirectory, ids) in LocalBlockSelection.Group(Paths))
        {
            try
            {
                Publish(uploader, bucket, dataDirectory, ids);
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, dataDirectory);
            }
        }
    }

    private void Publish(BlockUploader uploader, IBucket bucket, string dataDirectory, IReadOnlySet<string>? ids)
    {
        var plan = Await(uploader.PlanAsync(dataDirectory, ids, Cancellation));
        foreach (var problem in plan.Problems) WriteEngineError(problem.Error, problem.Id);
        if (plan.Blocks.Count == 0 && plan.Problems.Count == 0)
        {
            WriteWarning($"No block to upload in '{plan.DataDirectory}'{(ids is null ? "" : " among those asked for")}: it holds no block directory with a readable meta.json.");
        }
        if (plan.RecordedNotInBucket.Count > 0)
        {
            WriteWarning($"{Blocks(plan.RecordedNotInBucket)} recorded as uploaded in {System.IO.Path.Combine(plan.DataDirectory, ShipperState.FileName)} {(plan.RecordedNotInBucket.Count == 1 ? "is" : "are")} not in {bucket.Location}, and no block there was compacted from {(plan.RecordedNotInBucket.Count == 1 ? "it" : "them")}: not uploaded, as a shipper does (they were most likely shipped to another bucket). To upload them here, run again with -Force.");
        }
        if (plan.RecordedWithOtherLabels.Count > 0)
        {
            WriteWarning($"{Blocks(plan.RecordedWithOtherLabels)} recorded as uploaded {(plan.RecordedWithOtherLabels.Count == 1 ? "is" : "are")} in {bucket.Location} with other external labels than -Label asks for: not uploaded again (a block id holds one upload). To relabel, remove {(plan.RecordedWithOtherLabels.Count == 1 ? "it" : "them")} from the bucket, then run again with -Force.");
        }
        foreach (var p in plan.Blocks.Where(p => p.Decision != UploadDecision.Upload))
        {
            WriteVerbose($"Block {p.Id}: not uploaded ({Describe(p.Decision)}).");
        }
        var approved = plan.ToUpload
            .Where(p => ShouldProcess($"block {p.Id} ({p.Block.Meta.Stats.NumSamples:N0} samples) from '{p.Block.Path}' to {bucket.LocationOf(p.Id)}", "Upload block"))
            .ToList();
        // Under -WhatIf, or when every block was declined at -Confirm (No, No to All), nothing is
        // written, not even the shipper state.
        if (approved.Count == 0 && (plan.ToUpload.Any() || MyInvocation.BoundParameters.ContainsKey("WhatIf"))) return;

        var progress = new ProgressRecord(ProgressId, "Uploading blocks", $"{approved.Count} block(s) from {plan.DataDirectory} to {bucket.Location}");
        var lastPercent = -1;
        RunEngineWork((post, token) => uploader.UploadAsync(plan, approved, p => post(p), token), message =>
        {
            var p = (UploadProgress)message;
            if (p.Completed is { } done)
            {
                WriteObject(ThanosBlock.From(done.Meta, done.LocalPath, done.Location, done.SizeBytes));
            }
            var percent = p.BytesTotal == 0 ? 100 : (int)(p.BytesDone * 100 / p.BytesTotal);
            if (percent != lastPercent || p.Completed is not null)
            {
                lastPercent = percent;
                progress.PercentComplete = percent;
                progress.StatusDescription = $"{p.BytesDone:N0} of {p.BytesTotal:N0} bytes, {p.BlocksDone} of {p.BlocksTotal} blocks";
                WriteProgress(progress);
            }
        });
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }

    private static string Blocks(IReadOnlyList<string> ids) =>
        $"{ids.Count} block{(ids.Count == 1 ? "" : "s")} ({string.Join(", ", ids.Take(10))}{(ids.Count > 10 ? ", …" : "")})";

    private static string Describe(UploadDecision decision) => decision switch
    {
        UploadDecision.AlreadyRecorded => "recorded in thanos.shipper.json as uploaded; -Force ignores that record",
        UploadDecision.AlreadyInBucket => "its meta.json is already in the bucket; recorded in thanos.shipper.json",
        UploadDecision.Empty => "it has no samples",
        UploadDecision.Compacted => "compaction level above 1; add -UploadCompacted to upload compacted blocks",
        _ => decision.ToString(),
    };
}
