using ThanosLab.Engine.Objstore.Doctor;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Objstore;

/// <summary>The bucket doctor against a real S3 server (radosgw): the same faults, the same findings, one listing.</summary>
[Collection(RadosGatewayCollection.Name)]
public sealed class BucketDoctorS3Tests : IDisposable
{
    private readonly RadosGateway _rgw;
    private readonly TempDirectory _dir = new();

    public BucketDoctorS3Tests(RadosGateway rgw) => _rgw = rgw;

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public async Task EveryOverlapInAStreamIsFoundNeverAcrossStreamsAndThePartialAndDuplicateAreNamed()
    {
        using var bucket = new CountingBucket(_rgw.CreateBucket(prefix: "tenant"));
        var faults = await FaultyBucket.CreateAsync(bucket, _dir.Combine("data"));
        bucket.Calls.Clear();
        var result = await BucketDoctor.ExamineAsync(bucket, BucketSurvey.DefaultDeleteDelay, DateTimeOffset.UtcNow, 4, false, default);
        BucketDoctorTests.AssertFindsEveryFault(faults, result);
        Assert.Equal(1, bucket.Count("List"));
        Assert.Equal(faults.CopyA.Count * 3, bucket.Count("Read"));
    }

    [SkippableFact]
    public async Task DeepExaminationFindsEachFaultBlockInItsBlock()
    {
        using var bucket = _rgw.CreateBucket(prefix: "faults");
        await Generation.BlockFaultTests.AssertDeepFindsEachFault(bucket, _dir.Combine("faults"));
    }
}
