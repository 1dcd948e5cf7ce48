using System.Collections.Concurrent;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Objstore.Doctor;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// The compactor's downsampling pass over a bucket (cmd/thanos/downsample.go). Which blocks are due comes
/// from <see cref="DownsampleProgress"/> over one <see cref="BucketSurvey"/>, the rules Get-ThanosDownsampleStatus
/// reports. Each due block is downloaded into a private temporary directory, downsampled by
/// <see cref="BlockDownsampler"/> and uploaded by <see cref="BlockUploader"/> (chunks, index, meta.json last)
/// with the source's labels, the new resolution and source <c>compactor</c>. A block whose upload fails or is
/// cancelled is removed again, meta.json first and not cancellable, as Thanos' upload cleans up after itself:
/// the bucket never keeps half a block. The temporary files go on every way out.
/// </summary>
public sealed class BucketDownsampler
{
    private const string TemporaryPrefix = "thanoslab-downsample-";

    private readonly IBucket _bucket;
    private readonly int _parallelism;
    private readonly TimeSpan _deleteDelay;
    private readonly BlockUploader _uploader;
    private readonly string? _workDirectory;

    /// <param name="parallelism">Blocks downsampled at once, and object transfers in flight across them.</param>
    /// <param name="deleteDelay">The compactor's --delete-delay, which decides which deletion-marked blocks it still sees.</param>
    /// <param name="workDirectory">Where the private temporary directory is made (the compactor's --data-dir); the system's temporary directory when null.</param>
    public BucketDownsampler(IBucket bucket, int parallelism, TimeSpan deleteDelay, string? workDirectory = null)
    {
        _workDirectory = workDirectory;
        _bucket = bucket;
        _parallelism = parallelism;
        _deleteDelay = deleteDelay;
        // BlockUploader refuses a parallelism below 1 with the error that names it.
        _uploader = new BlockUploader(bucket, new UploadOptions { Source = BlockDownsampler.CompactorSource, Parallelism = parallelism });
    }

    /// <summary>
    /// Reads the bucket once and says where each block that <paramref name="target"/> is made from stands:
    /// raw blocks for 5m, 5m blocks for 1h. The <see cref="DownsampleState.Eligible"/> ones are the pass's work.
    /// </summary>
    public async Task<IReadOnlyList<BlockDownsampleStatus>> SurveyAsync(long target, CancellationToken cancellationToken)
    {
        if (target is not (DownsampleResolution.FiveMinutes or DownsampleResolution.OneHour))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "Thanos downsamples to 5m and 1h only.");
        }
        var survey = await BucketSurvey.ReadAsync(_bucket, _deleteDelay, DateTimeOffset.UtcNow, _parallelism, cancellationToken).ConfigureAwait(false);
        return DownsampleProgress.Of(survey).Where(s => s.Target == target).ToArray();
    }

    /// <summary>
    /// Downsamples and uploads <paramref name="blocks"/> (eligible statuses from <see cref="SurveyAsync"/>),
    /// <see cref="_parallelism"/> at a time, reporting each stage to <paramref name="progress"/>; returns the blocks
    /// written, oldest first. A block that fails on its own (unreadable objects or data) is reported as
    /// <see cref="BucketDownsampleStage.Failed"/> and the others go on; a failure of the bucket itself (access,
    /// connection) or of the local disk ends the pass, after every block in flight has removed its partial upload.
    /// </summary>
    public async Task<IReadOnlyList<BucketDownsampledBlock>> DownsampleAsync(IReadOnlyList<BlockDownsampleStatus> blocks,
        Action<BucketDownsampleProgress>? progress, CancellationToken cancellationToken)
    {
        var root = _workDirectory is null
            ? Directory.CreateTempSubdirectory(TemporaryPrefix).FullName
            : Directory.CreateDirectory(Path.Combine(_workDirectory, TemporaryPrefix + Guid.NewGuid().ToString("N"))).FullName;
        var written = new ConcurrentBag<BucketDownsampledBlock>();
        using var transfers = new SemaphoreSlim(_parallelism);
        try
        {
            await Parallel.ForEachAsync(blocks, new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken }, async (status, ct) =>
            {
                try
                {
                    written.Add(await DownsampleBlockAsync(status, Path.Combine(root, status.Block.Id), transfers, progress, ct).ConfigureAwait(false));
                }
                catch (ThanosLabException e) when (BlockFailure.BelongsToTheBlock(e))
                {
                    progress?.Invoke(new BucketDownsampleProgress(status.Block.Id, BucketDownsampleStage.Failed, 0) { Error = e });
                }
            }).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        return written.OrderBy(b => b.Meta.MinTime).ThenBy(b => b.Source.Id, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// True when the 5m block that <paramref name="status"/>'s raw block turns into would be due for 1h at once:
    /// it keeps the source's range, so the compactor's next pass downsamples it again.
    /// </summary>
    public static bool NextResolutionFollows(BlockDownsampleStatus status)
    {
        if (status.Target != DownsampleResolution.FiveMinutes) return false;
        var meta = status.Block.Meta!;
        var thanos = (meta.Thanos ?? new ThanosMeta(Tsdb.Labels.LabelSet.Empty, 0, BlockDownsampler.CompactorSource)) with { DownsampleResolution = status.Target };
        return DownsampleResolution.WhyNotEligible(meta with { Thanos = thanos }, DownsampleResolution.OneHour) is null;
    }

    private async Task<BucketDownsampledBlock> DownsampleBlockAsync(BlockDownsampleStatus status, string directory, SemaphoreSlim transfers,
        Action<BucketDownsampleProgress>? progress, CancellationToken cancellationToken)
    {
        var block = status.Block;
        var source = block.Meta!;
        if (source.Thanos is not { Labels.Count: > 0 })
        {
            throw new ThanosLabException(ErrorKind.InvalidData, "ExternalLabelsRequired",
                $"Block {block.Id} in {_bucket.Location} has no external labels in its meta.json; Thanos refuses to upload a downsampled block without them.",
                block.Id, "Upload the block again with its external labels (Publish-ThanosBlock -Label), then downsample.");
        }
        try
        {
            progress?.Invoke(new BucketDownsampleProgress(block.Id, BucketDownsampleStage.Downloading, 0));
            var sourceDirectory = Path.Combine(directory, block.Id);
            var downloaded = await BlockDownloader.DownloadAsync(_bucket, block, sourceDirectory, cancellationToken).ConfigureAwait(false);
            progress?.Invoke(new BucketDownsampleProgress(block.Id, BucketDownsampleStage.Downsampling, downloaded));
            var result = new BlockDownsampler().Downsample(sourceDirectory, status.Target, Path.Combine(directory, "out"), cancellationToken);
            var files = BlockFile.List(result.Path);
            var id = result.Meta.Id;
            long uploaded = 0;
            progress?.Invoke(new BucketDownsampleProgress(block.Id, BucketDownsampleStage.Uploading, 0));
            BlockMeta meta;
            try
            {
                meta = await _uploader.UploadBlockAsync(id, result.Meta, files, transfers,
                    bytes => progress?.Invoke(new BucketDownsampleProgress(block.Id, BucketDownsampleStage.Uploading, Interlocked.Add(ref uploaded, bytes))),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                await RemovePartialUploadAsync(id, e).ConfigureAwait(false);
                throw;
            }
            var done = new BucketDownsampledBlock(meta, _bucket.LocationOf(id), files.Sum(f => f.SizeBytes), source, result.Warnings);
            progress?.Invoke(new BucketDownsampleProgress(block.Id, BucketDownsampleStage.Done, uploaded) { Written = done });
            return done;
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Deletes what arrived of block <paramref name="id"/>, meta.json first as Thanos deletes a block.</summary>
    private async Task RemovePartialUploadAsync(string id, Exception cause)
    {
        // Not cancellable: a cancel is often what brought us here, and half a block must not stay.
        var metaKey = id + "/" + BlockMetaJson.FileName;
        try
        {
            var keys = new List<string>();
            await foreach (var o in _bucket.ListAsync(id + "/", recursive: true, CancellationToken.None).ConfigureAwait(false)) keys.Add(o.Key);
            foreach (var key in keys.OrderBy(k => k == metaKey ? 0 : 1))
            {
                await _bucket.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (ThanosLabException e)
        {
            throw new ThanosLabException(e.Kind, "PartialUploadLeft",
                $"Uploading the downsampled block {id} to {_bucket.Location} did not finish ({cause.Message}), and removing what had arrived failed too: {e.Message}",
                _bucket.LocationOf(id), "Remove the prefix by hand (the compactor deletes partial uploads after 48 h), then run again.", cause);
        }
    }
}
