using System.Management.Automation;
using ThanosLab.Engine.Objstore.Doctor;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Finds what halts or misleads Thanos' compactor in a bucket (overlaps, duplicated compactions,
/// partial uploads, unreadable meta.json, missing downsampling, pending deletions), every offender at once.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ThanosBucket")]
[OutputType(typeof(ThanosBucketFinding), typeof(bool))]
public sealed class TestThanosBucketCommand : BucketSurveyCmdlet
{
    /// <summary>Also download and verify each block's index and chunks.</summary>
    [Parameter]
    public SwitchParameter Deep { get; set; }

    /// <summary>Return only $true (blocks were checked and nothing was found) or $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecordCore()
    {
        using var bucket = Bucket.Config.Open();
        CurrentTarget = bucket.Location;
        var examination = Await(BucketDoctor.ExamineAsync(bucket, DeleteDelay, DateTimeOffset.UtcNow, ThrottleLimit, Deep, Cancellation));
        if (examination.BlocksChecked == 0)
        {
            WriteWarning($"{bucket.Location} holds no blocks: nothing was checked.");
        }
        else
        {
            WriteVerbose($"Checked {examination.BlocksChecked} block(s) in {bucket.Location}: {examination.Findings.Count} finding(s).");
        }
        if (Quiet)
        {
            WriteObject(examination.Passed);
            return;
        }
        foreach (var finding in examination.Findings)
        {
            WriteObject(ThanosBucketFinding.From(finding, bucket.Location));
        }
    }
}
