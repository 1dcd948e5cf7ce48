using System.Collections.Concurrent;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// <see cref="DownsampleChecker"/> on a bucket: every 5m and 1h block with a readable meta.json is paired with
/// the block one resolution down that has the same compaction sources; both are downloaded into a private
/// temporary directory, compared, and deleted again before the next pair, so the disk holds
/// <c>parallelism</c> pairs at most. Paths in the checks are the blocks' bucket locations.
/// </summary>
public static class BucketDownsampleChecker
{
    public static async Task<BucketDownsampleTest> CheckAsync(IBucket bucket, int parallelism, CancellationToken cancellationToken)
    {
        var blocks = await BucketBlockCatalog.ReadAsync(bucket, null, parallelism, cancellationToken).ConfigureAwait(false);
        var downsampled = blocks.Where(b => b.Meta is { } m && DownsampleResolution.Of(m) is DownsampleResolution.FiveMinutes or DownsampleResolution.OneHour)
            .OrderBy(b => DownsampleResolution.Of(b.Meta!)).ThenBy(b => b.Meta!.MinTime).ThenBy(b => b.Id, StringComparer.Ordinal)
            .Select(b => (Block: b, Source: DownsampleChecker.FindSource(b.Meta!, blocks, c => c.Meta)))
            .ToArray();
        var checks = new DownsampleCheck?[downsampled.Length];
        var failures = new ConcurrentBag<(int Order, string Id, ThanosLabException Error)>();
        var root = Directory.CreateTempSubdirectory("thanoslab-downsample-check-").FullName;
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, downsampled.Length).Where(i => downsampled[i].Source is not null),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var (block, source) = downsampled[i];
                    var directory = Path.Combine(root, block.Id);
                    try
                    {
                        var blockPath = Path.Combine(directory, block.Id);
                        var sourcePath = Path.Combine(directory, source!.Id);
                        await BlockDownloader.DownloadAsync(bucket, block, blockPath, ct).ConfigureAwait(false);
                        await BlockDownloader.DownloadAsync(bucket, source, sourcePath, ct).ConfigureAwait(false);
                        checks[i] = DownsampleChecker.Check(blockPath, sourcePath, ct) with { Path = block.Location, SourcePath = source.Location };
                    }
                    catch (ThanosLabException e) when (BlockFailure.BelongsToTheBlock(e))
                    {
                        failures.Add((i, block.Id, e));
                    }
                    finally
                    {
                        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
                    }
                }).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        return new BucketDownsampleTest(
            checks.OfType<DownsampleCheck>().ToArray(),
            downsampled.Where(d => d.Source is null).Select(d => d.Block).ToArray(),
            failures.OrderBy(f => f.Order).Select(f => (f.Id, f.Error)).ToArray());
    }
}
