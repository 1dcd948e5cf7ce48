using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Objstore.Doctor;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Downsampling;

/// <summary>
/// The compactor's downsampling pass on a directory bucket holding the generated year (continuous-365d-tiny):
/// what it writes equals the local downsampling of the same blocks byte for byte, and a cancel in the middle of
/// an upload leaves no partial block.
/// </summary>
public sealed class BucketDownsamplerTests : IClassFixture<DownsampledYearFixture>, IDisposable
{
    private readonly DownsampledYearFixture _year;
    private readonly TempDirectory _dir = new();
    private readonly FileSystemBucket _bucket;

    public BucketDownsamplerTests(DownsampledYearFixture year)
    {
        _year = year;
        _bucket = new FileSystemBucket(_dir.Combine("bucket"));
        _bucket.EnsureExistsAsync(default).GetAwaiter().GetResult();
        var uploader = new BlockUploader(_bucket, new UploadOptions { ExternalLabels = LabelSet.Create(new[] { new Label("cluster", "one") }), IgnoreShipperState = true });
        var plan = uploader.PlanAsync(year.Year.Directory.Path, null, default).GetAwaiter().GetResult();
        uploader.UploadAsync(plan, plan.ToUpload.ToList(), null, default).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _bucket.Dispose();
        _dir.Dispose();
    }

    private static async Task<IReadOnlyList<BucketDownsampledBlock>> PassAsync(BucketDownsampler downsampler, long target, Action<BucketDownsampleProgress>? progress = null, CancellationToken ct = default)
    {
        var due = (await downsampler.SurveyAsync(target, ct)).Where(s => s.State == DownsampleState.Eligible).ToArray();
        return await downsampler.DownsampleAsync(due, progress, ct);
    }

    [Fact]
    public async Task BothPassesWriteWhatLocalDownsamplingWritesAndLeaveNothingDue()
    {
        var downsampler = new BucketDownsampler(_bucket, 2, BucketSurvey.DefaultDeleteDelay);
        var stages = new List<BucketDownsampleProgress>();
        var five = await PassAsync(downsampler, DownsampleResolution.FiveMinutes, p => { lock (stages) stages.Add(p); });
        var hour = await PassAsync(downsampler, DownsampleResolution.OneHour);
        Assert.Equal(9, five.Count);
        Assert.Equal(5, hour.Count);
        Assert.Equal(9, stages.Count(s => s.Stage == BucketDownsampleStage.Done));
        Assert.Equal(9, stages.Count(s => s.Stage == BucketDownsampleStage.Downloading));
        Assert.DoesNotContain(stages, s => s.Stage == BucketDownsampleStage.Failed);

        foreach (var (written, local) in five.Select(b => (b, _year.Downsampled.FiveMinute.Single(l => l.Source.Id == b.Source.Id)))
            .Concat(hour.Select(b => (b, _year.Downsampled.OneHour.Single(l => l.Meta.MinTime == b.Meta.MinTime)))))
        {
            var meta = written.Meta;
            Assert.Equal(local.Meta.Thanos!.DownsampleResolution, meta.Thanos!.DownsampleResolution);
            Assert.Equal("compactor", meta.Thanos.Source);
            Assert.Equal("cluster=\"one\"", string.Join(",", meta.Thanos.Labels.Select(l => $"{l.Name}=\"{l.Value}\"")));
            Assert.Equal(written.Source.Compaction.Sources, meta.Compaction.Sources);
            Assert.Equal(local.Meta.Stats, meta.Stats);
            Assert.Equal((local.Meta.MinTime, local.Meta.MaxTime), (meta.MinTime, meta.MaxTime));
            // The bucket's meta.json is the one uploaded; its data files are those the local downsampling writes, byte for byte.
            var stored = BlockMetaJson.Parse(await _bucket.ReadAllBytesAsync(meta.Id + "/meta.json", BlockMetaJson.MaxBytes, default), meta.Id);
            Assert.Equal(meta.Thanos.Files, stored.Thanos!.Files);
            foreach (var file in BlockFile.List(local.Path))
            {
                Assert.Equal(File.ReadAllBytes(file.LocalPath), await _bucket.ReadAllBytesAsync(meta.Id + "/" + file.RelPath, long.MaxValue, default));
                Assert.Contains(stored.Thanos.Files, f => f.RelPath == file.RelPath && f.SizeBytes == file.SizeBytes);
            }
        }

        var statuses = DownsampleProgress.Of(await BucketSurvey.ReadAsync(_bucket, BucketSurvey.DefaultDeleteDelay, DateTimeOffset.UtcNow, 4, default));
        Assert.DoesNotContain(statuses, s => s.State == DownsampleState.Eligible);
        Assert.Equal(14, statuses.Count(s => s.State == DownsampleState.Downsampled));
        var examination = await BucketDoctor.ExamineAsync(_bucket, BucketSurvey.DefaultDeleteDelay, DateTimeOffset.UtcNow, 4, deep: false, default);
        Assert.Empty(examination.Findings);
        Assert.Empty(await PassAsync(downsampler, DownsampleResolution.FiveMinutes));
    }

    [Fact]
    public async Task ACancelInTheMiddleOfAnUploadRemovesWhatArrivedAndTheTemporaryFiles()
    {
        var work = Directory.CreateDirectory(_dir.Combine("work")).FullName;
        var downsampler = new BucketDownsampler(_bucket, 1, BucketSurvey.DefaultDeleteDelay, work);
        using var cancel = new CancellationTokenSource();
        string? stoppedIn = null;
        // Cancelled once the first file of a block has arrived in the bucket: its index and meta.json are still to come.
        void Progress(BucketDownsampleProgress p)
        {
            if (p.Stage == BucketDownsampleStage.Uploading && p.Bytes > 0 && stoppedIn is null)
            {
                stoppedIn = p.SourceId;
                Assert.NotEmpty(Directory.EnumerateFileSystemEntries(work));
                Assert.Contains(ListKeys(), k => k.EndsWith("/chunks/000001", StringComparison.Ordinal) && !ListKeys().Contains(k[..27] + "meta.json"));
                cancel.Cancel();
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PassAsync(downsampler, DownsampleResolution.FiveMinutes, Progress, cancel.Token));
        Assert.NotNull(stoppedIn);
        var catalog = await BucketBlockCatalog.ReadAsync(_bucket, null, 4, default);
        Assert.Equal(13, catalog.Count);
        Assert.All(catalog, b => Assert.True(b.HasMeta));
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
    }

    private List<string> ListKeys() =>
        _bucket.ListAsync("", recursive: true, default).ToBlockingEnumerable().Select(o => o.Key).ToList();
}
