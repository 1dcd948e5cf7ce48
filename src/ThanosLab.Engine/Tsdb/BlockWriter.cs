using System.Text;
using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Index;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Engine.Tsdb.Tombstones;

namespace ThanosLab.Engine.Tsdb;

/// <summary>
/// Writes one block directory the way Prometheus does (formats.md §2): everything goes into
/// <c>&lt;ULID&gt;.tmp-for-creation</c>, which Prometheus and Thanos ignore and Prometheus deletes at
/// startup; only a complete, fsynced block is renamed to its ULID. Disposing an incomplete writer
/// (error, cancellation) deletes the temporary directory.
/// </summary>
public sealed class BlockWriter : IDisposable
{
    public const string TempSuffix = ".tmp-for-creation";
    public const string ChunksDirectory = "chunks";
    public const string IndexFileName = "index";

    private bool _completed;

    private BlockWriter(Ulid id, string parent, long segmentSize)
    {
        Id = id;
        FinalPath = Path.Combine(parent, id.ToString());
        TempPath = FinalPath + TempSuffix;
        try
        {
            Directory.CreateDirectory(Path.Combine(TempPath, ChunksDirectory));
            Chunks = new ChunkSegmentWriter(Path.Combine(TempPath, ChunksDirectory), segmentSize);
            Index = new IndexWriter(Path.Combine(TempPath, IndexFileName));
        }
        catch
        {
            Chunks?.Dispose();
            RemoveTemp();
            throw;
        }
    }

    public Ulid Id { get; }

    public string TempPath { get; }

    public string FinalPath { get; }

    public ChunkSegmentWriter Chunks { get; }

    public IndexWriter Index { get; }

    /// <summary>
    /// Starts a block in <paramref name="parent"/>; refuses when the block or its temp directory exists.
    /// Chunk segment files are cut at <paramref name="segmentSize"/> bytes, Prometheus' 512 MiB by default.
    /// </summary>
    public static BlockWriter Create(string parent, Ulid id, long segmentSize = ChunkSegmentWriter.DefaultSegmentSize)
    {
        var final = Path.Combine(parent, id.ToString());
        if (Directory.Exists(final) || File.Exists(final) || Directory.Exists(final + TempSuffix))
        {
            throw new ThanosLabException(ErrorKind.ResourceExists, "BlockExists",
                $"The block directory '{final}' already exists; existing blocks are never overwritten.", final,
                "Write into another output directory or remove the old block first.");
        }
        return new BlockWriter(id, parent, segmentSize);
    }

    /// <summary>
    /// Finishes chunks and index, writes the empty tombstones file and meta.json (Thanos form, with its
    /// trailing newline, when the meta has a Thanos section), then renames the directory into place.
    /// Returns the block's size in bytes.
    /// </summary>
    public long Complete(BlockMeta meta) => Complete(_ => meta);

    /// <summary>
    /// As <see cref="Complete(BlockMeta)"/>, with the meta made once chunks and index are complete in
    /// <see cref="TempPath"/> (passed in), for a meta.json that lists the files and their sizes.
    /// </summary>
    public long Complete(Func<string, BlockMeta> metaOfCompleteData)
    {
        Chunks.Complete();
        Index.Complete();
        var meta = metaOfCompleteData(TempPath);
        WriteSynced(Path.Combine(TempPath, TombstonesFile.FileName), TombstonesFile.Empty());
        var json = meta.Thanos is null ? BlockMetaJson.ToPrometheusJson(meta) : BlockMetaJson.ToThanosJson(meta);
        WriteSynced(Path.Combine(TempPath, BlockMetaJson.FileName), new UTF8Encoding(false).GetBytes(json));
        if (Directory.Exists(FinalPath))
        {
            throw new ThanosLabException(ErrorKind.ResourceExists, "BlockExists",
                $"The block directory '{FinalPath}' appeared while it was being written; it is left as it is.", FinalPath);
        }
        Directory.Move(TempPath, FinalPath);
        _completed = true;
        return new DirectoryInfo(FinalPath).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
    }

    private static void WriteSynced(string path, byte[] content)
    {
        using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        fs.Write(content);
        fs.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        if (_completed)
        {
            Chunks.Dispose();
            Index.Dispose();
            return;
        }
        // The incomplete block is thrown away: a file that cannot flush its last buffer (a full disk)
        // must neither hide the first error nor keep the temporary directory.
        DisposeDiscarded(Chunks);
        DisposeDiscarded(Index);
        RemoveTemp();
    }

    private static void DisposeDiscarded(IDisposable file)
    {
        try
        {
            file.Dispose();
        }
        catch (IOException)
        {
        }
    }

    private void RemoveTemp()
    {
        if (Directory.Exists(TempPath))
        {
            Directory.Delete(TempPath, recursive: true);
        }
    }
}
