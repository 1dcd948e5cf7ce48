using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Index;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Engine.Tsdb.Tombstones;
namespace ThanosLab.Engine.Tsdb;

/// <summary>
/// Reads a block directory (formats.md §2): meta.json, index, chunk segments and tombstones, and
/// iterates its series with their chunks and samples. Strict: corrupt data throws a
/// <see cref="ThanosLabException"/> (InvalidData, <c>CorruptBlock</c>) naming the file and offset;
/// <see cref="BlockVerifier"/> is the tool that lists every problem instead. Files are read through
/// bounded windows, so memory does not grow with the block's length.
/// </summary>
public sealed class BlockReader : IDisposable
{
    public const string ChunksDirectory = BlockWriter.ChunksDirectory;

    private readonly long[] _timestamps = new long[XorChunkEncoder.MaxSamples];
    private readonly double[] _values = new double[XorChunkEncoder.MaxSamples];

    private BlockReader(string path, BlockMeta meta, IndexReader index, ChunkSegmentReader chunks, IReadOnlyList<Tombstone> tombstones)
    {
        Path = path;
        Meta = meta;
        Index = index;
        Chunks = chunks;
        Tombstones = tombstones;
    }

    public string Path { get; }

    public BlockMeta Meta { get; }

    public IndexReader Index { get; }

    public ChunkSegmentReader Chunks { get; }

    public IReadOnlyList<Tombstone> Tombstones { get; }

    public static BlockReader Open(string path)
    {
        var meta = BlockMetaJson.ReadFile(System.IO.Path.Combine(path, BlockMetaJson.FileName));
        var strict = new StrictIssueList(path);
        var chunksDirectory = System.IO.Path.Combine(path, ChunksDirectory);
        if (!Directory.Exists(chunksDirectory))
        {
            strict.Add(new BlockIssue(ChunksDirectory, null, null, "the chunks directory is missing"));
        }
        var indexPath = System.IO.Path.Combine(path, IndexReader.FileName);
        if (!File.Exists(indexPath))
        {
            strict.Add(new BlockIssue(IndexReader.FileName, null, null, "the index file is missing"));
        }
        var tombstones = TombstonesReader.Read(System.IO.Path.Combine(path, TombstonesFile.FileName), strict);
        var index = IndexReader.Open(indexPath, strict)!;
        try
        {
            return new BlockReader(path, meta, index, ChunkSegmentReader.Open(chunksDirectory, strict), tombstones);
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>Every series in label-set order (the order of the all-postings list).</summary>
    public IEnumerable<BlockSeries> Series()
    {
        var all = Index.PostingsOffsets.FirstOrDefault(p => p.Name.Length == 0 && p.Value.Length == 0);
        if (all.Name is null)
        {
            throw new BlockIssue(IndexReader.FileName, Index.Toc.PostingsOffsetTable, null, "the postings offset table has no all-postings entry (\"\", \"\")").ToException(Path);
        }
        var refs = new List<uint>();
        Index.TryReadPostings(all.Offset, "the all-postings list", refs);
        var entry = new SeriesEntry();
        foreach (var r in refs)
        {
            Index.TryReadSeries(16L * r, entry, out _);
            yield return new BlockSeries(r, entry.Labels(Index.Symbols), entry.Chunks.ToArray());
        }
    }

    /// <summary>The record <paramref name="chunk"/> refers to, CRC checked, valid until the next read.</summary>
    public ChunkRecord ReadRecord(SeriesChunk chunk)
    {
        if (!Chunks.TryRead(chunk.Ref, out var record, out var issue))
        {
            throw issue!.ToException(Path);
        }
        return record;
    }

    /// <summary>
    /// Decodes the XOR chunk <paramref name="chunk"/> refers to into <paramref name="timestamps"/> and
    /// <paramref name="values"/> (each at least <see cref="XorChunkEncoder.MaxSamples"/> long, or as
    /// long as the chunk's count); returns the number of samples.
    /// </summary>
    public int ReadChunk(SeriesChunk chunk, Span<long> timestamps, Span<double> values) => DecodeChunk(chunk, ReadRecord(chunk), timestamps, values);

    /// <summary>As <see cref="ReadChunk"/>, for a <paramref name="record"/> of <paramref name="chunk"/> already read.</summary>
    public int DecodeChunk(SeriesChunk chunk, ChunkRecord record, Span<long> timestamps, Span<double> values)
    {
        var strict = new StrictIssueList(Path);
        if (record.Encoding != XorChunkEncoder.Encoding)
        {
            strict.Add(new BlockIssue(record.Segment, record.Offset, null, $"chunk {chunk.Ref} has encoding {record.Encoding}{(HistogramChunkEncoder.IsHistogramEncoding(record.Encoding) ? " (a native histogram, which only Test-ThanosBlock, Get-ThanosSeries and Prometheus read)" : "")}; this reader decodes XOR (1) chunks only"));
        }
        var count = XorChunkDecoder.SampleCount(record.Data);
        if (count > timestamps.Length || count > values.Length)
        {
            throw new ArgumentException($"The buffers hold {Math.Min(timestamps.Length, values.Length)} samples; chunk {chunk.Ref} has {count}.");
        }
        var decoded = XorChunkDecoder.Decode(record.Data, timestamps, values);
        if (decoded.Error is not null || decoded.Decoded == 0)
        {
            strict.Add(new BlockIssue(record.Segment, record.Offset, null, $"chunk {chunk.Ref}: {decoded.Error ?? "the chunk holds no samples"}"));
        }
        return decoded.Decoded;
    }

    /// <summary>The samples of <paramref name="series"/>, chunk by chunk.</summary>
    public IEnumerable<(long Timestamp, double Value)> Samples(BlockSeries series)
    {
        foreach (var chunk in series.Chunks)
        {
            var n = ReadChunk(chunk, _timestamps, _values);
            for (var i = 0; i < n; i++)
            {
                yield return (_timestamps[i], _values[i]);
            }
        }
    }

    public void Dispose()
    {
        Index.Dispose();
        Chunks.Dispose();
    }
}
