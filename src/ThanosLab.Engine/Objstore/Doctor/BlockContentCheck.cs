using System.Collections.Concurrent;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Index;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>
/// The deep part of the bucket doctor: downloads each readable block (meta.json, index, chunk segments;
/// no marks) into a private temporary directory, runs <see cref="BlockVerifier"/> on it as Test-ThanosBlock
/// does, deletes the copy, and turns the issues into findings of three kinds, one finding per kind and
/// block: the compactor's out-of-order chunk rule, meta.json against the data, and the rest of the index
/// and chunk rules. A block that does not download is an IndexIssue naming the object.
/// </summary>
public static class BlockContentCheck
{
    public static async Task<IReadOnlyList<BucketFinding>> CheckAsync(IBucket bucket, IEnumerable<BucketBlock> blocks, int parallelism, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("thanoslab-deep-").FullName;
        var found = new ConcurrentBag<(int Order, BucketFinding Finding)>();
        try
        {
            var ordered = blocks.Where(b => b.Meta is not null).OrderBy(b => b.Meta!.MinTime).ThenBy(b => b.Id, StringComparer.Ordinal).ToArray();
            await Parallel.ForEachAsync(Enumerable.Range(0, ordered.Length),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    foreach (var f in await CheckBlockAsync(bucket, ordered[i], Path.Combine(root, ordered[i].Id), ct).ConfigureAwait(false)) found.Add((i, f));
                }).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        return found.OrderBy(f => f.Order).ThenBy(f => f.Finding.Kind).Select(f => f.Finding).ToArray();
    }

    private static async Task<IEnumerable<BucketFinding>> CheckBlockAsync(IBucket bucket, BucketBlock block, string directory, CancellationToken cancellationToken)
    {
        var stream = BlockStream.Of(block.Meta!);
        try
        {
            await BlockDownloader.DownloadAsync(bucket, block, directory, cancellationToken).ConfigureAwait(false);
            var verification = BlockVerifier.Verify(directory, cancellationToken);
            return verification.Issues.GroupBy(Classify).OrderBy(g => g.Key).Select(g => Finding(g.Key, block, stream, g.ToArray()));
        }
        catch (ThanosLabException e) when (e.Kind is ErrorKind.InvalidData or ErrorKind.ObjectNotFound)
        {
            return new[]
            {
                new BucketFinding(BucketFindingKind.IndexIssue, new[] { block.Id }, stream,
                    $"Block {block.Id} could not be downloaded to be checked: {e.Message}", "Check the block's objects in the bucket; a block the compactor cannot download halts it."),
            };
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Which rule an issue breaks, from where BlockVerifier found it and the words it uses (the
    /// doctor's tests provoke each of the three through real blocks, so a change of words shows there).
    /// </summary>
    internal static BucketFindingKind Classify(BlockIssue issue)
    {
        if (issue.File == BlockMetaJson.FileName || issue.Message.Contains("is not inside the block range", StringComparison.Ordinal))
        {
            return BucketFindingKind.MetaMismatch;
        }
        if (issue.Message.Contains("chunks overlap or are out of order", StringComparison.Ordinal) || issue.Message.Contains("sample timestamps that do not increase", StringComparison.Ordinal))
        {
            return BucketFindingKind.OutOfOrderChunks;
        }
        return BucketFindingKind.IndexIssue;
    }

    private static BucketFinding Finding(BucketFindingKind kind, BucketBlock block, BlockStream stream, IReadOnlyList<BlockIssue> issues)
    {
        var listed = string.Join("; ", issues.Take(5).Select(i => i.ToString())) + (issues.Count > 5 ? $"; and {issues.Count - 5} more" : "");
        var (what, recommendation) = kind switch
        {
            BucketFindingKind.OutOfOrderChunks => ("has series whose chunks overlap or are out of order; the compactor refuses to compact it (or gives it a no-compact mark with --compact.skip-block-with-out-of-order-chunks)",
                "Give the block a no-compact mark so the compactor skips it, as Thanos does with --compact.skip-block-with-out-of-order-chunks."),
            BucketFindingKind.MetaMismatch => ("has a meta.json whose stats or time range disagree with its data; chunks outside the range halt the compactor",
                "Rewrite the block (thanos tools bucket rewrite) or upload it again from a good copy; until then give it a no-compact mark."),
            _ => ("has an index or chunks that break the TSDB format; the compactor fails on such a block",
                "Upload the block again from a good copy, or mark it for deletion if its data is lost; a no-compact mark keeps the compactor away meanwhile."),
        };
        return new BucketFinding(kind, new[] { block.Id }, stream, $"Block {block.Id} {what}: {listed}.", recommendation)
        {
            RecommendedMark = BlockMarkKind.NoCompact,
        };
    }
}
