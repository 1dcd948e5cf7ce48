using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunkenc;
namespace ThanosLab.Engine.Tsdb.Chunks;

/// <summary>
/// Writes chunk records into <c>chunks/000001…</c> segment files (formats.md §4), cutting a new
/// segment by Prometheus' rule so that large blocks split where promtool's would.
/// </summary>
public sealed class ChunkSegmentWriter : IDisposable
{
    public const uint Magic = 0x85BD40DD;
    public const byte FormatVersion = 1;
    public const int HeaderSize = 8;
    public const long DefaultSegmentSize = 512L * 1024 * 1024;

    // Prometheus sizes every record with the longest possible length field.
    private const int RecordOverhead = 5 + 1 + 4;

    private readonly string _directory;
    private readonly long _segmentSize;
    private readonly EncodingBuffer _record = new(4096);
    private readonly List<int> _batchStarts = new();
    private readonly List<string> _files = new();
    private FileStream? _file;
    private long _written;

    public ChunkSegmentWriter(string chunksDirectory, long segmentSize = DefaultSegmentSize)
    {
        _directory = chunksDirectory;
        _segmentSize = segmentSize;
    }

    /// <summary>Names of the segment files written so far, in order.</summary>
    public IReadOnlyList<string> SegmentFiles => _files;

    /// <summary>
    /// Writes all chunks of one series: <paramref name="payloads"/> holds the XOR payloads back to
    /// back, <paramref name="lengths"/> their sizes; the reference of each chunk goes to <paramref name="refs"/>.
    /// <paramref name="encoding"/> is the chunks' encoding byte (XOR, or 0xFF for Thanos aggregates).
    /// </summary>
    public void WriteSeries(ReadOnlySpan<byte> payloads, ReadOnlySpan<int> lengths, Span<ulong> refs, byte encoding = XorChunkEncoder.Encoding)
    {
        PlanBatches(lengths);
        if (_file is null)
        {
            Cut();
        }
        var offset = 0;
        var batch = 1;
        for (var i = 0; i < lengths.Length; i++)
        {
            while (batch < _batchStarts.Count && _batchStarts[batch] == i)
            {
                Cut();
                batch++;
            }
            refs[i] = ((ulong)(_files.Count - 1) << 32) | (ulong)_written;
            WriteRecord(payloads.Slice(offset, lengths[i]), encoding);
            offset += lengths[i];
        }
    }

    // Prometheus' WriteChunks: the first batch also counts what the current file holds; a series'
    // first chunk never starts a batch of its own except to move the whole series to a fresh file.
    private void PlanBatches(ReadOnlySpan<int> lengths)
    {
        _batchStarts.Clear();
        _batchStarts.Add(0);
        long batchSize = 0;
        var firstBatch = true;
        for (var i = 0; i < lengths.Length; i++)
        {
            long size = RecordOverhead + lengths[i];
            batchSize += size;
            var cut = i != 0 && batchSize + HeaderSize > _segmentSize;
            if (firstBatch && _written > HeaderSize)
            {
                cut = batchSize + _written > _segmentSize;
                if (cut)
                {
                    firstBatch = false;
                }
            }
            if (cut)
            {
                _batchStarts.Add(i);
                batchSize = size;
            }
        }
    }

    private void WriteRecord(ReadOnlySpan<byte> payload, byte encoding)
    {
        _record.Reset();
        _record.PutUvarint((ulong)payload.Length);
        var crcStart = _record.Length;
        _record.PutByte(encoding);
        _record.PutBytes(payload);
        _record.PutCrc32C(crcStart);
        _file!.Write(_record.Span);
        _written += _record.Length;
    }

    private void Cut()
    {
        FinishFile();
        var name = (_files.Count + 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        _file = new FileStream(Path.Combine(_directory, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        _files.Add(name);
        Span<byte> header = stackalloc byte[HeaderSize];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header, Magic);
        header[4] = FormatVersion;
        _file.Write(header);
        _written = HeaderSize;
    }

    /// <summary>Flushes and fsyncs the open segment.</summary>
    public void Complete() => FinishFile();

    private void FinishFile()
    {
        if (_file is null)
        {
            return;
        }
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        _file = null;
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }
}
