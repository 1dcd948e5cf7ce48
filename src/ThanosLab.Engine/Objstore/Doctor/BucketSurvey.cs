using System.Collections.Concurrent;

namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>
/// What one pass over a bucket saw (the block catalog and the deletion marks), and which of those
/// blocks Thanos' compactor works on: its fetcher drops blocks whose deletion mark is older than half
/// the delete delay (a fresher mark keeps the block in view until its replacement is seen), then its
/// deduplication filter drops blocks whose sources another block covers (<see cref="CompactorDeduplication"/>).
/// </summary>
public sealed class BucketSurvey
{
    public const long FiveMinutes = 300_000;
    public const long OneHour = 3_600_000;

    /// <summary>Thanos' default <c>--delete-delay</c>.</summary>
    public static readonly TimeSpan DefaultDeleteDelay = TimeSpan.FromHours(48);

    private IReadOnlyList<BucketBlock>? _inView;
    private IReadOnlyList<(BucketBlock Duplicate, BucketBlock Cover)>? _duplicates;

    public BucketSurvey(IReadOnlyList<BucketBlock> blocks, IReadOnlyDictionary<string, BlockMark> deletionMarks,
        IReadOnlyDictionary<string, ThanosLabException> unreadableDeletionMarks, DateTimeOffset now, TimeSpan deleteDelay)
    {
        Blocks = blocks;
        DeletionMarks = deletionMarks;
        UnreadableDeletionMarks = unreadableDeletionMarks;
        Now = now;
        DeleteDelay = deleteDelay;
    }

    /// <summary>
    /// One listing and one meta.json read per block (<see cref="BucketBlockCatalog"/>), then one read per
    /// deletion mark; a mark that does not read is kept aside, as Thanos ignores it.
    /// </summary>
    public static async Task<BucketSurvey> ReadAsync(IBucket bucket, TimeSpan deleteDelay, DateTimeOffset now, int parallelism, CancellationToken cancellationToken)
    {
        if (deleteDelay < TimeSpan.Zero)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidDeleteDelay", $"-DeleteDelay {deleteDelay} is negative.", deleteDelay,
                "Give the compactor's --delete-delay, such as '48h' (its default), or '0s'.");
        }
        var blocks = await BucketBlockCatalog.ReadAsync(bucket, null, parallelism, cancellationToken).ConfigureAwait(false);
        var marks = new ConcurrentDictionary<string, BlockMark>(StringComparer.Ordinal);
        var unreadable = new ConcurrentDictionary<string, ThanosLabException>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(blocks.Where(b => b.DeletionMarked),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (block, ct) =>
            {
                var key = BlockMark.KeyOf(block.Id, BlockMarkKind.Deletion);
                try
                {
                    var bytes = await bucket.ReadAllBytesAsync(key, BlockMark.MaxBytes, ct).ConfigureAwait(false);
                    marks[block.Id] = BlockMark.Parse(BlockMarkKind.Deletion, bytes, bucket.LocationOf(key));
                }
                catch (ThanosLabException e) when (e.Kind == ErrorKind.InvalidData)
                {
                    unreadable[block.Id] = e;
                }
                catch (ThanosLabException e) when (e.Kind == ErrorKind.ObjectNotFound)
                {
                    // Removed since the listing: the block is no longer marked.
                }
            }).ConfigureAwait(false);
        return new BucketSurvey(blocks, marks, unreadable, now, deleteDelay);
    }

    /// <summary>Every block prefix in the bucket, readable or not.</summary>
    public IReadOnlyList<BucketBlock> Blocks { get; }

    /// <summary>The deletion marks that read, by block id.</summary>
    public IReadOnlyDictionary<string, BlockMark> DeletionMarks { get; }

    /// <summary>Deletion marks that did not read, by block id (Thanos ignores them and keeps the block).</summary>
    public IReadOnlyDictionary<string, ThanosLabException> UnreadableDeletionMarks { get; }

    public DateTimeOffset Now { get; }

    public TimeSpan DeleteDelay { get; }

    /// <summary>True when the compactor's fetcher no longer sees the block: its deletion mark is older than half the delete delay.</summary>
    public bool HiddenByDeletionMark(BucketBlock block) =>
        DeletionMarks.TryGetValue(block.Id, out var mark) && Now - mark.Time > DeleteDelay / 2;

    /// <summary>Blocks with a meta.json that read and that the compactor's fetcher sees, duplicates included.</summary>
    public IEnumerable<BucketBlock> Fetched => Blocks.Where(b => b.Meta is not null && !HiddenByDeletionMark(b));

    /// <summary>Fetched blocks whose sources another fetched block of their stream covers, with that block.</summary>
    public IReadOnlyList<(BucketBlock Duplicate, BucketBlock Cover)> Duplicates => _duplicates ??= CompactorDeduplication.Find(Fetched);

    /// <summary>The blocks the compactor groups, plans and checks for overlaps.</summary>
    public IReadOnlyList<BucketBlock> InCompactorView
    {
        get
        {
            if (_inView is null)
            {
                var duplicates = Duplicates.Select(d => d.Duplicate.Id).ToHashSet(StringComparer.Ordinal);
                _inView = Fetched.Where(b => !duplicates.Contains(b.Id)).ToArray();
            }
            return _inView;
        }
    }
}
