using System.Buffers.Binary;
using System.Globalization;
using ThanosLab.Engine.IO;
using ThanosLab.Engine.Tsdb.Buffers;

namespace ThanosLab.Engine.Tsdb.Tombstones;

/// <summary>A deleted time range [MinTime, MaxTime] of one series (formats.md §8).</summary>
public readonly record struct Tombstone(ulong SeriesRef, long MinTime, long MaxTime);

/// <summary>
/// Reads a block's <c>tombstones</c> file (formats.md §8): magic, version, records, CRC32C of the
/// records. A missing file means no deletions, as for Prometheus and Thanos.
/// </summary>
public static class TombstonesReader
{
    private const int HeaderSize = 5;

    /// <summary>The tombstones in <paramref name="path"/>; problems go to <paramref name="issues"/>.</summary>
    public static IReadOnlyList<Tombstone> Read(string path, ICollection<BlockIssue> issues)
    {
        var result = new List<Tombstone>();
        if (!File.Exists(path))
        {
            return result;
        }
        const string name = TombstonesFile.FileName;
        var block = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        if (RegularFile.Problem(path, block) is { } problem)
        {
            issues.Add(new BlockIssue(name, null, null, problem));
            return result;
        }
        using var file = FileWindow.Open(path, block);
        if (file.Length < HeaderSize + 4)
        {
            issues.Add(new BlockIssue(name, 0, null, $"the file is {file.Length} bytes, shorter than the {HeaderSize + 4} bytes of an empty tombstones file"));
            return result;
        }
        if (file.Length > int.MaxValue)
        {
            issues.Add(new BlockIssue(name, 0, null, $"the file is {file.Length} bytes, more than a tombstones file can sensibly hold"));
            return result;
        }
        file.TryRead(0, (int)file.Length, out var bytes);
        var magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (magic != TombstonesFile.Magic)
        {
            issues.Add(new BlockIssue(name, 0, null, string.Create(CultureInfo.InvariantCulture, $"magic number 0x{magic:X8} is not the tombstones magic 0x{TombstonesFile.Magic:X8}")));
            return result;
        }
        if (bytes[4] != TombstonesFile.FormatVersion)
        {
            issues.Add(new BlockIssue(name, 4, null, $"format version {bytes[4]} is not the supported version {TombstonesFile.FormatVersion}"));
            return result;
        }
        var records = bytes[HeaderSize..^4];
        var stored = BinaryPrimitives.ReadUInt32BigEndian(bytes[^4..]);
        var computed = Crc32C.Compute(records);
        if (stored != computed)
        {
            issues.Add(new BlockIssue(name, file.Length - 4, null, string.Create(CultureInfo.InvariantCulture, $"CRC32C mismatch: stored 0x{stored:X8}, computed 0x{computed:X8}")));
            return result;
        }
        var d = new DecodingBuffer(records, HeaderSize);
        while (d.Remaining > 0)
        {
            var at = d.Offset;
            var t = new Tombstone(d.Uvarint(), d.Varint(), d.Varint());
            if (d.Failed)
            {
                issues.Add(new BlockIssue(name, d.ErrorOffset, null, "tombstone record: " + d.Error));
                break;
            }
            if (t.MinTime > t.MaxTime)
            {
                issues.Add(new BlockIssue(name, at, null, $"the tombstone of series {t.SeriesRef} ends ({t.MaxTime}) before it starts ({t.MinTime})"));
            }
            result.Add(t);
        }
        return result;
    }
}
