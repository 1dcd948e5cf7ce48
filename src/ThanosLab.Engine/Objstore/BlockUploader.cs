using System.Text;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// Thanos' shipper (sidecar and <c>tools bucket upload-blocks</c>, formats.md §11–12) as plain
/// functions over an <see cref="IBucket"/>: plan what to upload, then upload each block's chunks, then
/// its index, then its meta.json, and record the result in thanos.shipper.json.
/// </summary>
public sealed class BlockUploader
{
    private readonly IBucket _bucket;
    private readonly UploadOptions _options;

    public BlockUploader(IBucket bucket, UploadOptions options)
    {
        _bucket = bucket;
        _options = options;
        if (options.Parallelism < 1)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidParallelism",
                $"The upload parallelism {options.Parallelism} is not valid; give 1 or more transfers at a time.", options.Parallelism);
        }
    }

    /// <summary>
    /// Decides for every local block of <paramref name="dataDirectory"/> what to do with it. Asks the
    /// bucket only about blocks that are not already recorded and are eligible. Throws before anything is
    /// uploaded when a block to upload would get no external labels, or a compacted block overlaps one in the bucket.
    /// </summary>
    /// <param name="onlyIds">Upper-case ULIDs of the blocks asked for; null for every block.</param>
    public async Task<UploadPlan> PlanAsync(string dataDirectory, IReadOnlySet<string>? onlyIds, CancellationToken cancellationToken)
    {
        var scan = LocalBlockScan.Read(dataDirectory);
        BucketPlacement.RequireOutside(_bucket, scan.DataDirectory);
        var previous = ShipperState.Read(scan.DataDirectory);
        var decisions = new UploadDecision?[scan.Blocks.Count];
        var toAsk = new List<int>();
        for (var i = 0; i < scan.Blocks.Count; i++)
        {
            var block = scan.Blocks[i];
            if (onlyIds is not null && !onlyIds.Contains(block.Id)) continue;
            if (!_options.IgnoreShipperState && previous.Contains(block.Id)) decisions[i] = UploadDecision.AlreadyRecorded;
            else if (block.Meta.Stats.NumSamples == 0) decisions[i] = UploadDecision.Empty;
            else if (block.Meta.Compaction.Level > 1 && !_options.UploadCompacted) decisions[i] = UploadDecision.Compacted;
            else toAsk.Add(i);
        }

        // A block whose meta.json is in the bucket is complete there (meta.json is written last).
        await Parallel.ForEachAsync(toAsk, new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var stat = await _bucket.StatAsync(scan.Blocks[i].Id + "/" + BlockMetaJson.FileName, ct).ConfigureAwait(false);
            decisions[i] = stat is null ? UploadDecision.Upload : UploadDecision.AlreadyInBucket;
        }).ConfigureAwait(false);

        var problems = scan.Problems.Where(p => onlyIds is null || onlyIds.Contains(p.Id)).ToList();
        var planned = new List<PlannedUpload>();
        for (var i = 0; i < scan.Blocks.Count; i++)
        {
            if (decisions[i] is not { } d) continue;
            if (d != UploadDecision.Upload)
            {
                planned.Add(new PlannedUpload(scan.Blocks[i], d));
                continue;
            }
            try
            {
                planned.Add(new PlannedUpload(scan.Blocks[i], d) { Files = BlockFile.List(scan.Blocks[i].Path) });
            }
            catch (ThanosLabException e)
            {
                // One incomplete or unsafe block is reported by its id; the other blocks are still uploaded.
                problems.Add(new LocalBlockProblem(scan.Blocks[i].Id, e));
            }
        }
        var toUpload = planned.Where(p => p.Decision == UploadDecision.Upload).ToList();
        RequireExternalLabels(toUpload);
        await RequireNoOverlapAsync(toUpload, cancellationToken).ConfigureAwait(false);
        var recorded = planned.Where(p => p.Decision == UploadDecision.AlreadyRecorded).Select(p => p.Id).ToList();
        var (absent, relabelled) = await CompareRecordedWithBucketAsync(recorded, cancellationToken).ConfigureAwait(false);
        // All local blocks stay in the plan (unselected ones without a decision are dropped from
        // uploading but still count when the shipper state is rebuilt).
        return new UploadPlan(scan.DataDirectory, previous, planned, problems)
        {
            LocalBlocks = scan.Blocks,
            RecordedNotInBucket = absent,
            RecordedWithOtherLabels = relabelled,
        };
    }

    /// <summary>
    /// The shipper skips recorded blocks without asking the bucket, which is right for the bucket it shipped
    /// them to (a compactor may have compacted them away since) and silently wrong for another bucket or other
    /// labels. One read of the bucket's blocks tells which recorded blocks are neither there nor among the
    /// compaction sources of a block there, and which are there with other values for the external labels asked for.
    /// </summary>
    private async Task<(IReadOnlyList<string> Absent, IReadOnlyList<string> Relabelled)> CompareRecordedWithBucketAsync(
        IReadOnlyList<string> recorded, CancellationToken cancellationToken)
    {
        if (recorded.Count == 0) return (Array.Empty<string>(), Array.Empty<string>());
        var inBucket = await BucketBlockCatalog.ReadAsync(_bucket, null, _options.Parallelism, cancellationToken).ConfigureAwait(false);
        var present = inBucket.Where(b => b.HasMeta).ToDictionary(b => b.Id, StringComparer.Ordinal);
        var compactedFrom = new HashSet<string>(
            inBucket.Where(b => b.Meta is not null).SelectMany(b => b.Meta!.Compaction.Sources.Select(u => u.ToString())), StringComparer.Ordinal);
        var absent = recorded.Where(id => !present.ContainsKey(id) && !compactedFrom.Contains(id)).ToList();
        var relabelled = recorded.Where(id => present.TryGetValue(id, out var b) && b.Meta?.Thanos is { } t
            && _options.ExternalLabels.Any(l => t.Labels.Get(l.Name) != l.Value)).ToList();
        return (absent, relabelled);
    }

    /// <summary>
    /// Uploads <paramref name="blocks"/> (a subset of the plan's blocks to upload) with a bounded number of
    /// transfers in flight, then rewrites thanos.shipper.json, also when cancelled or failed, with every block
    /// that is now complete in the bucket. A block whose data did not all arrive never gets a meta.json.
    /// </summary>
    public async Task<IReadOnlyList<UploadedBlock>> UploadAsync(UploadPlan plan, IReadOnlyCollection<PlannedUpload> blocks,
        Action<UploadProgress>? progress, CancellationToken cancellationToken)
    {
        var work = blocks.Select(b => (Planned: b, b.Files)).ToList();
        var total = work.Sum(w => w.Files.Sum(f => f.SizeBytes));
        var uploaded = new List<UploadedBlock>();
        long bytesDone = 0;
        var gate = new object();
        using var transfers = new SemaphoreSlim(_options.Parallelism);

        void Report(long bytes, UploadedBlock? completed)
        {
            UploadProgress p;
            lock (gate)
            {
                bytesDone += bytes;
                if (completed is not null) uploaded.Add(completed);
                p = new UploadProgress(bytesDone, total, uploaded.Count, work.Count, completed);
            }
            progress?.Invoke(p);
        }

        try
        {
            // Blocks run side by side; the semaphore bounds the transfers across all of them.
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken }, async (w, ct) =>
            {
                var meta = await UploadBlockAsync(w.Planned.Id, w.Planned.Block.Meta, w.Files, transfers, bytes => Report(bytes, null), ct).ConfigureAwait(false);
                Report(0, new UploadedBlock(meta, w.Planned.Block.Path, _bucket.LocationOf(w.Planned.Id), w.Files.Sum(f => f.SizeBytes)));
            }).ConfigureAwait(false);
        }
        finally
        {
            RecordShipperState(plan, uploaded);
        }
        return uploaded;
    }

    /// <summary>
    /// Uploads one block's <paramref name="files"/> under <paramref name="id"/>, then its meta.json (built from
    /// <paramref name="local"/> by <see cref="UploadMeta"/>), each transfer holding one place of
    /// <paramref name="transfers"/>; returns the meta.json uploaded. A failure or cancel before the end
    /// leaves no meta.json, so the objects already there are a partial upload every reader ignores.
    /// </summary>
    public async Task<BlockMeta> UploadBlockAsync(string id, BlockMeta local, IReadOnlyList<BlockFile> files, SemaphoreSlim transfers,
        Action<long>? transferred, CancellationToken cancellationToken)
    {
        async Task<ThanosFile> TransferAsync(BlockFile file)
        {
            await transfers.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var entry = await file.ToThanosFileAsync(_options.Hash, cancellationToken).ConfigureAwait(false);
                await _bucket.UploadFileAsync(id + "/" + file.RelPath, file.LocalPath, file.SizeBytes, cancellationToken).ConfigureAwait(false);
                transferred?.Invoke(file.SizeBytes);
                return entry;
            }
            finally
            {
                transfers.Release();
            }
        }

        var entries = new List<ThanosFile>();
        // Order carries the safety: chunks, then index, then meta.json. Until meta.json exists
        // every reader treats the prefix as a partial upload and ignores it.
        entries.AddRange(await Task.WhenAll(files.Where(f => f.IsChunkSegment).Select(TransferAsync)).ConfigureAwait(false));
        foreach (var f in files.Where(f => !f.IsChunkSegment))
        {
            entries.Add(await TransferAsync(f).ConfigureAwait(false));
        }
        var meta = UploadMeta.Build(local, _options.ExternalLabels, _options.Source, entries, _options.Clock());
        cancellationToken.ThrowIfCancellationRequested();
        await transfers.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _bucket.UploadBytesAsync(id + "/" + BlockMetaJson.FileName, Encoding.UTF8.GetBytes(BlockMetaJson.ToThanosJson(meta)), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            transfers.Release();
        }
        return meta;
    }

    /// <summary>
    /// Rebuilds thanos.shipper.json as the shipper does: the local blocks in minTime order that were
    /// recorded before, were found in the bucket, or were uploaded now.
    /// </summary>
    private static void RecordShipperState(UploadPlan plan, IReadOnlyCollection<UploadedBlock> uploaded)
    {
        var done = new HashSet<string>(uploaded.Select(u => u.Meta.Id), StringComparer.Ordinal);
        foreach (var p in plan.Blocks.Where(p => p.Decision == UploadDecision.AlreadyInBucket)) done.Add(p.Id);
        var ids = plan.LocalBlocks.Select(b => b.Id).Where(id => done.Contains(id) || plan.PreviousState.Contains(id)).ToList();
        new ShipperState(ids.Count == 0 ? null : ids).Write(plan.DataDirectory);
    }

    private void RequireExternalLabels(IEnumerable<PlannedUpload> toUpload)
    {
        var unlabelled = toUpload.Where(p => (p.Block.Meta.Thanos?.Labels ?? LabelSet.Empty).Merge(_options.ExternalLabels).Count == 0).Select(p => p.Id).ToList();
        if (unlabelled.Count == 0) return;
        throw new ThanosLabException(ErrorKind.InvalidArgument, "ExternalLabelsRequired",
            $"No external labels for block{(unlabelled.Count > 1 ? "s" : "")} {string.Join(", ", unlabelled.Take(5))}{(unlabelled.Count > 5 ? " …" : "")}: Thanos refuses blocks without external labels, and neither the blocks' meta.json nor the upload gives any. Accepted: one or more labels such as cluster=\"eu1\".",
            unlabelled[0], "Give the external labels, e.g. -Label @{ cluster = 'eu1' } or -Label 'cluster=eu1'.");
    }

    /// <summary>
    /// Thanos refuses to ship a compacted block that overlaps a block with the same labels and resolution
    /// already in the bucket (it would halt the compactor); checked against one listing of the bucket.
    /// </summary>
    private async Task RequireNoOverlapAsync(IReadOnlyList<PlannedUpload> toUpload, CancellationToken cancellationToken)
    {
        var compacted = toUpload.Where(p => p.Block.Meta.Compaction.Level > 1).ToList();
        if (compacted.Count == 0) return;
        var inBucket = await BucketBlockCatalog.ReadAsync(_bucket, null, _options.Parallelism, cancellationToken).ConfigureAwait(false);
        foreach (var p in compacted)
        {
            var m = p.Block.Meta;
            var labels = (m.Thanos?.Labels ?? LabelSet.Empty).Merge(_options.ExternalLabels);
            var resolution = m.Thanos?.DownsampleResolution ?? 0;
            var overlap = inBucket.FirstOrDefault(b => b.Meta is { } o && o.Thanos is { } t && t.Labels.Equals(labels) && t.DownsampleResolution == resolution
                && o.MinTime < m.MaxTime && m.MinTime < o.MaxTime);
            if (overlap is not null)
            {
                throw new ThanosLabException(ErrorKind.InvalidOperation, "CompactedBlockOverlaps",
                    $"The compacted block {p.Id} ({m.MinTime}–{m.MaxTime}) overlaps block {overlap.Id} ({overlap.Meta!.MinTime}–{overlap.Meta.MaxTime}) with the same labels {labels} in {_bucket.Location}; uploading it would halt the compactor.",
                    p.Id, "Leave the compacted block out, or delete the overlapping block from the bucket first.");
            }
        }
    }
}
