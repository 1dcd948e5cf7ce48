using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using ThanosLab.Engine.IO;
using ThanosLab.Engine.Tsdb.Buffers;

namespace ThanosLab.Engine.Tsdb.Chunks;

/// <summary>
/// Reads chunk records from a block's <c>chunks/</c> segment files (formats.md §4) by chunk
/// reference (<c>segment position &lt;&lt; 32 | offset</c>). The segment position is the file's place
/// among the numeric file names in ordinal order, as Prometheus counts it. Problems are returned as
/// <see cref="BlockIssue"/>s; nothing is read outside a segment file.
/// </summary>
public sealed class ChunkSegmentReader : IDisposable
{
    private readonly Segment[] _segments;

    // Only the segment read last keeps its read buffer: memory stays one window however many
    // 512 MiB segments a long block has.
    private int _current = -1;

    private sealed record Segment(string RelativePath, FileWindow? File, string? HeaderProblem);

    private ChunkSegmentReader(Segment[] segments) => _segments = segments;

    /// <summary>The segment files in reference order, relative to the block (<c>chunks/000001</c>).</summary>
    public IReadOnlyList<string> Segments => _segments.Select(s => s.RelativePath).ToArray();

    /// <summary>
    /// Opens every segment in <paramref name="chunksDirectory"/> and checks its header; header
    /// problems go to <paramref name="issues"/> and make that segment's chunks unreadable.
    /// </summary>
    public static ChunkSegmentReader Open(string chunksDirectory, ICollection<BlockIssue> issues)
    {
        var block = System.IO.Path.GetDirectoryName(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(chunksDirectory)))!;
        if (RegularFile.DirectoryProblem(chunksDirectory, block) is { } directoryProblem)
        {
            issues.Add(new BlockIssue(BlockReader.ChunksDirectory, null, null, directoryProblem));
            return new ChunkSegmentReader(Array.Empty<Segment>());
        }
        var names = Directory.EnumerateFiles(chunksDirectory)
            .Select(System.IO.Path.GetFileName)
            .Where(n => n!.Length > 0 && n.All(char.IsAsciiDigit))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var segments = new List<Segment>();
        try
        {
            foreach (var name in names)
            {
                var relative = BlockReader.ChunksDirectory + "/" + name;
                var path = System.IO.Path.Combine(chunksDirectory, name!);
                if (RegularFile.Problem(path, block) is { } notRegular)
                {
                    issues.Add(new BlockIssue(relative, null, null, notRegular));
                    segments.Add(new Segment(relative, null, notRegular));
                    continue;
                }
                var file = FileWindow.Open(path, block);
                var problem = CheckHeader(file);
                if (problem is not null)
                {
                    issues.Add(new BlockIssue(relative, 0, null, problem));
                }
                segments.Add(new Segment(relative, file, problem));
            }
        }
        catch
        {
            foreach (var s in segments) s.File?.Dispose();
            throw;
        }
        return new ChunkSegmentReader(segments.ToArray());
    }

    private static string? CheckHeader(FileWindow file)
    {
        if (!file.TryRead(0, ChunkSegmentWriter.HeaderSize, out var header))
        {
            return $"the segment is {file.Length} bytes, shorter than its {ChunkSegmentWriter.HeaderSize}-byte header";
        }
        var magic = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (magic != ChunkSegmentWriter.Magic)
        {
            return string.Create(CultureInfo.InvariantCulture, $"magic number 0x{magic:X8} is not the chunk segment magic 0x{ChunkSegmentWriter.Magic:X8}");
        }
        if (header[4] != ChunkSegmentWriter.FormatVersion)
        {
            return $"format version {header[4]} is not the supported version {ChunkSegmentWriter.FormatVersion}";
        }
        return null;
    }

    /// <summary>Reads the record <paramref name="chunkRef"/> points at and checks its CRC.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(ulong chunkRef, out ChunkRecord record, out BlockIssue? issue)
    {
        record = default;
        var position = chunkRef >> 32;
        var offset = (long)(chunkRef & 0xFFFFFFFF);
        if (position >= (ulong)_segments.Length)
        {
            issue = new BlockIssue(BlockReader.ChunksDirectory, null, null,
                $"chunk reference {chunkRef} points into segment {position}, but the block has {_segments.Length} segment file(s)");
            return false;
        }
        var segment = _segments[(int)position];
        if (segment.HeaderProblem is not null || segment.File is null)
        {
            issue = new BlockIssue(segment.RelativePath, offset, null, $"chunk reference {chunkRef} points into a segment with a bad header");
            return false;
        }
        var file = segment.File;
        if (_current != (int)position)
        {
            if (_current >= 0)
            {
                _segments[_current].File?.ReleaseBuffer();
            }
            _current = (int)position;
        }
        if (offset < ChunkSegmentWriter.HeaderSize || offset >= file.Length)
        {
            issue = new BlockIssue(segment.RelativePath, offset, null,
                $"chunk reference {chunkRef} points at offset {offset}, outside the records of the {file.Length}-byte segment");
            return false;
        }
        var head = new DecodingBuffer(file.ReadAtMost(offset, 10), offset);
        var length = head.UvarintLength("the chunk length");
        if (head.Failed)
        {
            issue = new BlockIssue(segment.RelativePath, head.ErrorOffset, null, "chunk record length: " + head.Error);
            return false;
        }
        var prefix = head.Position;
        var total = (long)prefix + 1 + length + 4;
        if (!file.Contains(offset, total))
        {
            issue = new BlockIssue(segment.RelativePath, offset, null,
                $"the chunk record of {length} data bytes runs past the end of the {file.Length}-byte segment");
            return false;
        }
        file.TryRead(offset, (int)total, out var bytes);
        var body = bytes.Slice(prefix, 1 + length);
        var stored = BinaryPrimitives.ReadUInt32BigEndian(bytes[(prefix + 1 + length)..]);
        var computed = Crc32C.Compute(body);
        if (stored != computed)
        {
            issue = new BlockIssue(segment.RelativePath, offset, null,
                string.Create(CultureInfo.InvariantCulture, $"chunk CRC32C mismatch: stored 0x{stored:X8}, computed 0x{computed:X8}"));
            return false;
        }
        record = new ChunkRecord(segment.RelativePath, body[0], body[1..], offset, (int)total);
        issue = null;
        return true;
    }

    public void Dispose()
    {
        foreach (var s in _segments) s.File?.Dispose();
    }
}
