using System.Management.Automation;
using ThanosLab.Engine.Objstore.Doctor;

namespace ThanosLab.Cmdlets;

/// <summary>Says for each raw and 5m block in a bucket whether the compactor downsampled it, would, or why not.</summary>
[Cmdlet(VerbsCommon.Get, "ThanosDownsampleStatus")]
[OutputType(typeof(ThanosDownsampleStatus))]
public sealed class GetThanosDownsampleStatusCommand : BucketSurveyCmdlet
{
    protected override void ProcessRecordCore()
    {
        using var bucket = Bucket.Config.Open();
        CurrentTarget = bucket.Location;
        var survey = Await(BucketSurvey.ReadAsync(bucket, DeleteDelay, DateTimeOffset.UtcNow, ThrottleLimit, Cancellation));
        var statuses = DownsampleProgress.Of(survey);
        if (statuses.Count == 0)
        {
            WriteWarning($"{bucket.Location} holds no raw or 5m block with a readable meta.json: there is nothing to downsample.");
        }
        foreach (var status in statuses)
        {
            WriteObject(ThanosDownsampleStatus.From(status));
        }
    }
}
