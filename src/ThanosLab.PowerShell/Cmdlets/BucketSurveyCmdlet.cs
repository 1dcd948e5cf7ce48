using System.Management.Automation;
using ThanosLab.Binding;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Objstore.Doctor;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Base of the cmdlets that read a bucket the way Thanos' compactor sees it (Test-ThanosBucket,
/// Get-ThanosDownsampleStatus): the bucket, the compactor's delete delay, and how many reads run at once.
/// </summary>
public abstract class BucketSurveyCmdlet : ThanosLabCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ThanosBucketConfig Bucket { get; set; } = null!;

    /// <summary>The compactor's --delete-delay: a deletion-marked block leaves its view after half of it.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan DeleteDelay { get; set; } = BucketSurvey.DefaultDeleteDelay;

    /// <summary>Parallel meta.json and mark reads.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = BucketBlockCatalog.DefaultParallelism;
}
