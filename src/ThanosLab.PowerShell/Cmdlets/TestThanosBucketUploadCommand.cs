using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Checks that every local block a sidecar or Publish-ThanosBlock would ship is complete in the bucket,
/// optionally waiting for a running upload to finish.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ThanosBucketUpload", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ThanosBucketUploadResult), typeof(bool))]
public sealed class TestThanosBucketUploadCommand : ShippedBlocksCmdlet
{
    /// <summary>Check again until everything passed or -Timeout has passed.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Time between checks while waiting.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Return only $true or $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void EndProcessingCore()
    {
        if (Timeout <= TimeSpan.Zero || Interval <= TimeSpan.Zero)
        {
            ThrowTerminatingError(ErrorRecords.Create("InvalidWaitTime", ErrorCategory.InvalidArgument,
                $"-Timeout ({Timeout}) and -Interval ({Interval}) must be positive durations such as '2m' and '2s'.", Timeout));
        }
        var labels = ExternalLabels();
        using var bucket = Bucket.Config.Open();
        var verifier = new BucketUploadVerifier(bucket, labels, UploadCompacted);
        var sources = LocalBlockSelection.Group(Paths);
        BucketUploadReport report;
        try
        {
            if (Wait)
            {
                var progress = new ProgressRecord(ProgressId, "Waiting for the upload", $"Checking {bucket.Location} every {Interval.TotalSeconds:0.#}s for up to {Timeout}");
                var started = DateTimeOffset.UtcNow;
                report = RunEngineWork((post, token) => verifier.WaitAsync(sources, Timeout, Interval, r => post(r), token, e => post(e)), message =>
                {
                    if (message is ThanosLabException unavailable)
                    {
                        WriteVerbose($"Waiting for the bucket: {unavailable.Message}");
                        progress.StatusDescription = "Waiting for the bucket to answer";
                    }
                    else
                    {
                        var r = (BucketUploadReport)message;
                        progress.StatusDescription = $"{r.Blocks.Count(b => b.Passed)} of {r.Blocks.Count} blocks complete in the bucket";
                    }
                    progress.PercentComplete = (int)Math.Min(100, (DateTimeOffset.UtcNow - started).Ticks * 100 / Timeout.Ticks);
                    WriteProgress(progress);
                });
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
            else
            {
                report = Await(verifier.VerifyAsync(sources, Cancellation));
            }
        }
        catch (ThanosLabException e)
        {
            ThrowEngineError(e, bucket.Location);
            return;
        }

        foreach (var problem in report.Problems) WriteEngineError(problem.Error, problem.Id);
        foreach (var failed in report.Blocks.Where(b => !b.Passed))
        {
            WriteVerbose($"Block {failed.Id}: {failed.Status}: {string.Join("; ", failed.Details)}");
        }
        if (report.Blocks.Count == 0)
        {
            var why = sources.Count == 0
                ? "no path reached Test-ThanosBucketUpload (empty input, or an earlier step failed)"
                : $"{string.Join(", ", sources.Select(s => s.DataDirectory))} held no readable block{(sources.Any(s => s.Ids is not null) ? " of those asked for" : "")}";
            WriteWarning($"No block was checked: {why}, so nothing was compared with {bucket.Location}. The check fails.");
        }
        if (report.TimedOut) WriteWarning($"The upload was not complete after {Timeout}.");
        if (Quiet)
        {
            WriteObject(report.Passed);
            return;
        }
        WriteObject(new ThanosBucketUploadResult
        {
            Passed = report.Passed,
            TimedOut = report.TimedOut,
            BucketLocation = bucket.Location,
            Blocks = report.Blocks.Select(ThanosBlockUploadStatus.From).ToArray(),
        });
    }
}
