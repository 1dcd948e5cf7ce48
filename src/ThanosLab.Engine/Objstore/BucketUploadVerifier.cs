using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// Checks that every local block a sidecar or upload would ship is complete in the bucket: one listing of
/// the bucket and one meta.json read per block, never a request per file. Local files are hashed only
/// when the uploaded meta.json records a hash for them.
/// </summary>
public sealed class BucketUploadVerifier
{
    private readonly IBucket _bucket;
    private readonly LabelSet _expectedLabels;
    private readonly bool _uploadCompacted;
    private readonly int _parallelism;

    /// <param name="expectedLabels">
    /// Labels every uploaded meta.json must carry. Not the local block's own Thanos labels: uploads merge the
    /// external labels over them, so a local value may rightly differ from the uploaded one.
    /// </param>
    /// <param name="uploadCompacted">Whether compacted (level &gt; 1) blocks are expected in the bucket too.</param>
    public BucketUploadVerifier(IBucket bucket, LabelSet expectedLabels, bool uploadCompacted, int parallelism = BucketBlockCatalog.DefaultParallelism)
    {
        _bucket = bucket;
        _expectedLabels = expectedLabels;
        _uploadCompacted = uploadCompacted;
        _parallelism = Math.Max(1, parallelism);
    }

    /// <param name="sources">Data directories, each with the block ids asked for (null for all of its blocks).</param>
    public async Task<BucketUploadReport> VerifyAsync(IReadOnlyList<(string DataDirectory, IReadOnlySet<string>? Ids)> sources, CancellationToken cancellationToken)
    {
        var scans = sources.Select(s => (Scan: LocalBlockScan.Read(s.DataDirectory, s.Ids), State: ReadShipperState(s.DataDirectory))).ToList();
        foreach (var (scan, _) in scans) BucketPlacement.RequireOutside(_bucket, scan.DataDirectory);
        var wanted = new HashSet<string>(scans.SelectMany(s => s.Scan.Blocks).Select(b => b.Id), StringComparer.Ordinal);
        var inBucket = (await BucketBlockCatalog.ReadAsync(_bucket, wanted.Contains, _parallelism, cancellationToken).ConfigureAwait(false))
            .ToDictionary(b => b.Id, StringComparer.Ordinal);

        var checks = new List<BlockUploadCheck>();
        var problems = scans.SelectMany(s => s.Scan.Problems).ToList();
        foreach (var (scan, state) in scans)
        {
            foreach (var block in scan.Blocks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                IReadOnlyList<BlockFile> files;
                try
                {
                    files = BlockFile.List(block.Path);
                }
                catch (ThanosLabException e)
                {
                    // An incomplete or unsafe local block is reported on its own; the others are still checked.
                    problems.Add(new LocalBlockProblem(block.Id, e));
                    continue;
                }
                var check = await CheckAsync(block, files, inBucket.GetValueOrDefault(block.Id), cancellationToken).ConfigureAwait(false);
                if (state is not null)
                {
                    var recorded = state.Contains(block.Id);
                    check = check with { InShipperState = recorded };
                    if (recorded && !check.Passed)
                    {
                        check = check with { Details = check.Details.Append("thanos.shipper.json records it as uploaded, so a sidecar will not upload it again").ToArray() };
                    }
                }
                checks.Add(check);
            }
        }
        return new BucketUploadReport(checks, problems);
    }

    /// <summary>
    /// Verifies until everything passes or <paramref name="timeout"/> has passed, waiting <paramref name="interval"/>
    /// between tries. A bucket that cannot be reached yet, is not there yet, answers 5xx or does not answer in time
    /// is a state to wait through (a MinIO that is still starting), reported to <paramref name="onUnavailable"/>;
    /// when the wait ends in such a state, that is a BucketWaitTimedOut error naming it. Any other error ends the wait at once.
    /// </summary>
    public async Task<BucketUploadReport> WaitAsync(IReadOnlyList<(string DataDirectory, IReadOnlySet<string>? Ids)> sources, TimeSpan timeout, TimeSpan interval,
        Action<BucketUploadReport>? onAttempt, CancellationToken cancellationToken, Action<ThanosLabException>? onUnavailable = null)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            BucketUploadReport? report = null;
            ThanosLabException? unavailable = null;
            try
            {
                report = await VerifyAsync(sources, cancellationToken).ConfigureAwait(false);
                if (report.Passed) return report;
            }
            catch (ThanosLabException e) when (IsWaitable(e))
            {
                unavailable = e;
            }
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                if (report is not null) return report with { TimedOut = true };
                throw new ThanosLabException(ErrorKind.OperationTimeout, "BucketWaitTimedOut",
                    $"The bucket {_bucket.Location} was still unavailable when the wait of {timeout} ended; the last attempt: {unavailable!.Message}",
                    _bucket.Location, unavailable.RecommendedAction ?? "Check that the object store is running and the bucket exists, or wait longer (-Timeout).", unavailable);
            }
            if (report is not null) onAttempt?.Invoke(report);
            else onUnavailable?.Invoke(unavailable!);
            await Task.Delay(left < interval ? left : interval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsWaitable(ThanosLabException e) =>
        e.Kind is ErrorKind.ConnectionError or ErrorKind.OperationTimeout or ErrorKind.ResourceUnavailable || e.ErrorId == "BucketNotFound";

    private static ShipperState? ReadShipperState(string dataDirectory)
    {
        if (!ShipperState.Exists(dataDirectory)) return null;
        var state = ShipperState.Read(dataDirectory);
        return state;
    }

    private async Task<BlockUploadCheck> CheckAsync(LocalBlock block, IReadOnlyList<BlockFile> files, BucketBlock? remote, CancellationToken cancellationToken)
    {
        var meta = block.Meta;
        var eligible = meta.Stats.NumSamples > 0 && (meta.Compaction.Level <= 1 || _uploadCompacted);
        var location = remote?.Location ?? _bucket.LocationOf(block.Id);
        BlockUploadCheck Result(BlockUploadStatus status, params string[] details) => new(block.Id, block.Path, location, status, details);

        if (remote is null || (!remote.HasMeta && !eligible))
        {
            if (!eligible)
            {
                return Result(BlockUploadStatus.NotEligible, meta.Stats.NumSamples == 0
                    ? "the block has no samples; shippers ignore empty blocks"
                    : $"compaction level {meta.Compaction.Level}; shippers upload compacted blocks only with upload-compacted");
            }
            return Result(BlockUploadStatus.Missing, "no object of the block is in the bucket");
        }
        if (!remote.HasMeta)
        {
            return Result(BlockUploadStatus.Partial, $"no meta.json in the bucket; {remote.Objects.Count} other object(s) present: an upload in progress or interrupted");
        }
        if (remote.Meta is null)
        {
            return Result(BlockUploadStatus.CorruptMeta, remote.MetaError?.Message ?? "meta.json did not read");
        }

        var problems = new List<(BlockUploadStatus Status, string Detail)>();
        var recorded = (remote.Meta.Thanos?.Files ?? Array.Empty<ThanosFile>()).ToDictionary(f => f.RelPath, StringComparer.Ordinal);
        foreach (var f in files)
        {
            if (!remote.Objects.TryGetValue(f.RelPath, out var size))
            {
                problems.Add((BlockUploadStatus.FileMissing, $"{f.RelPath} is not in the bucket"));
                continue;
            }
            if (size != f.SizeBytes)
            {
                problems.Add((BlockUploadStatus.SizeMismatch, $"{f.RelPath} has {size} bytes in the bucket, {f.SizeBytes} locally"));
            }
            if (recorded.TryGetValue(f.RelPath, out var entry))
            {
                if ((entry.SizeBytes ?? 0) != f.SizeBytes)
                {
                    problems.Add((BlockUploadStatus.SizeMismatch, $"{f.RelPath} is recorded with {entry.SizeBytes ?? 0} bytes in meta.json, {f.SizeBytes} locally"));
                }
                if (entry.HashFunc == "SHA256" && entry.HashValue is { } expected)
                {
                    var actual = await f.Sha256HexAsync(cancellationToken).ConfigureAwait(false);
                    if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                    {
                        problems.Add((BlockUploadStatus.HashMismatch, $"{f.RelPath} is recorded with SHA256 {expected}, the local file has {actual}"));
                    }
                }
            }
        }

        var labels = remote.Meta.Thanos?.Labels ?? LabelSet.Empty;
        if (labels.Count == 0)
        {
            problems.Add((BlockUploadStatus.LabelMismatch, "the uploaded meta.json has no external labels; Thanos components refuse such blocks"));
        }
        foreach (var l in _expectedLabels)
        {
            var actual = labels.Get(l.Name);
            if (actual != l.Value)
            {
                problems.Add((BlockUploadStatus.LabelMismatch, actual is null
                    ? $"external label {l} is missing from the uploaded meta.json (it has {labels})"
                    : $"external label {l.Name} is \"{actual}\" in the uploaded meta.json, expected \"{l.Value}\""));
            }
        }

        if (problems.Count == 0) return Result(BlockUploadStatus.Uploaded);
        var worst = problems.Min(p => p.Status);
        return Result(worst, problems.Select(p => p.Detail).ToArray());
    }
}
