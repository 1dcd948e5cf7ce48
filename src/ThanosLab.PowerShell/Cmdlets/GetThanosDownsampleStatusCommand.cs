using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine.Objstore.Doctor;

namespace ThanosLab.Cmdlets;

/// <summary>Says for each raw and 5m block in a bucket whether the compactor downsampled it, would, or why not.</summary>
[Cmdlet(VerbsCommon.Get, "ThanosDownsampleStatus")]
[OutputType(typeof(ThanosDownsampleStatus))]
public sealed class GetThanosDownsampleStatusCommand : ThanosLabCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ThanosBucketConfig Bucket { get; set; } = null!;

    /// <summary>The compactor's --delete-delay: a deletion-marked block leaves its view after half of it.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan DeleteDelay { get; set; } = BucketSurvey.DefaultDeleteDelay;

    /// <summary>Parallel meta.json reads.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 8;

    protected override void ProcessRecordCore()
    {
        using var bucket = Bucket.Config.Open();
        CurrentTarget = bucket.Location;
        var survey = RunEngineWork((_, ct) => BucketSurvey.ReadAsync(bucket, DeleteDelay, DateTimeOffset.UtcNow, ThrottleLimit, ct), _ => { });
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
