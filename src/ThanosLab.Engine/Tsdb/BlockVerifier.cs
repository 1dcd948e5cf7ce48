using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Index;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Engine.Tsdb.Tombstones;
using ThanosLab.Engine.Tsdb.Verification;

namespace ThanosLab.Engine.Tsdb;

/// <summary>
/// Deep verification of a block directory: every rule of formats.md §2–8 and the checklist of §16
/// that a reader can check, reported as a list of <see cref="BlockIssue"/>s. Corrupt input never
/// throws, and every read is bounded by the file it reads. Checked: meta.json, tombstones, segment
/// headers, index header/TOC/tables with every CRC, symbol, series and postings order, series entries,
/// label indices and postings against the series, every chunk record (CRC, encoding, decoded samples
/// against the chunk meta and the block range) and meta.json's stats against the content.
/// </summary>
public static class BlockVerifier
{
    /// <summary>Issues beyond this many are counted, not listed.</summary>
    public const int MaxIssues = 200;

    /// <summary>Verifies the block in <paramref name="path"/>; throws only when the directory does not exist.</summary>
    /// <param name="decodeSamples">
    /// False checks everything but the chunks' bit streams: each chunk record's reference, CRC and
    /// encoding, and the sample count its header announces (against stats.numSamples too). That finds
    /// damage to stored bytes, which the CRCs cover, but not a writer's mistake inside a chunk (samples
    /// out of order or outside the chunk's range), and takes about a third of the time.
    /// </param>
    public static BlockVerification Verify(string path, CancellationToken cancellation = default, bool decodeSamples = true)
    {
        if (!Directory.Exists(path))
        {
            var isFile = File.Exists(path);
            throw new ThanosLabException(isFile ? ErrorKind.InvalidArgument : ErrorKind.ObjectNotFound, isFile ? "BlockPathIsFile" : "BlockNotFound",
                isFile ? $"'{path}' is a file, not a block directory." : $"The block directory '{path}' does not exist.", path,
                "Give the path of a block directory (a ULID-named directory with meta.json, index and chunks/), or pipe Get-ThanosBlock into Test-ThanosBlock.");
        }
        var run = new VerificationRun(path, cancellation) { DecodeSamples = decodeSamples };
        try
        {
            VerifyBlock(run);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ThanosLabException)
        {
            // The block could not be read to the end (permissions, a file shrinking under us): that is
            // a finding about this block, not a reason to stop verifying others.
            run.Issues.Add(new BlockIssue(".", null, null, "reading the block failed: " + e.Message));
        }
        return new BlockVerification(path, run.Meta, run.Issues.ToArray(), run.Series, run.Chunks, run.Samples, decodeSamples);
    }

    /// <summary>meta.json, tombstones, the chunk segments' headers, then the index with every chunk it references, then the stats.</summary>
    private static void VerifyBlock(VerificationRun run)
    {
        MetaChecks.Verify(run);
        var tombstones = TombstonesReader.Read(Path.Combine(run.Path, TombstonesFile.FileName), run.Issues);
        if (run.Meta is not null && run.Meta.Stats.NumTombstones != (ulong)tombstones.Count)
        {
            run.Issues.Add(new BlockIssue(BlockMetaJson.FileName, null, null, $"stats.numTombstones is {run.Meta.Stats.NumTombstones} but the tombstones file holds {tombstones.Count}"));
        }
        var chunksDirectory = Path.Combine(run.Path, BlockReader.ChunksDirectory);
        if (Directory.Exists(chunksDirectory))
        {
            run.ChunkReader = ChunkSegmentReader.Open(chunksDirectory, run.Issues);
        }
        else
        {
            run.ChunksComplete = false;
            run.Issues.Add(new BlockIssue(BlockReader.ChunksDirectory, null, null, "the chunks directory is missing (Prometheus reports such a block as corrupted)"));
        }
        try
        {
            var indexPath = Path.Combine(run.Path, IndexReader.FileName);
            if (!File.Exists(indexPath))
            {
                run.Issues.Add(new BlockIssue(IndexReader.FileName, null, null, "the index file is missing"));
                return;
            }
            using var index = IndexReader.Open(indexPath, run.Issues);
            if (index is not null && IndexChecks.Verify(run, index) >= 0)
            {
                MetaChecks.VerifyStats(run);
            }
        }
        finally
        {
            run.ChunkReader?.Dispose();
        }
    }
}
