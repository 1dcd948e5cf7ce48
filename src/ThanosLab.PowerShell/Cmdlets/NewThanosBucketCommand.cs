using System.Management.Automation;
using ThanosLab.Engine;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Creates the bucket a configuration describes (through the S3 API, or the directory of a
/// FILESYSTEM bucket). Idempotent: an existing bucket is left as it is.
/// </summary>
[Cmdlet(VerbsCommon.New, "ThanosBucket", SupportsShouldProcess = true)]
[OutputType(typeof(ThanosBucketConfig))]
public sealed class NewThanosBucketCommand : ThanosLabCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public ThanosBucketConfig Bucket { get; set; } = null!;

    protected override void ProcessRecordCore()
    {
        if (!ShouldProcess(Bucket.Location, "Create bucket")) return;
        try
        {
            using var bucket = Bucket.Config.Open();
            var created = Await(bucket.EnsureExistsAsync(Cancellation));
            WriteVerbose(created ? $"Created the bucket {Bucket.Location}." : $"The bucket {Bucket.Location} already exists.");
            WriteObject(Bucket);
        }
        catch (ThanosLabException e)
        {
            WriteEngineError(e, Bucket);
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }
}
