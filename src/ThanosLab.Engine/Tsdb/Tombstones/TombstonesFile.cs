using ThanosLab.Engine.Tsdb.Buffers;
namespace ThanosLab.Engine.Tsdb.Tombstones;

/// <summary>The <c>tombstones</c> file (formats.md §8); generated blocks have no deletions.</summary>
public static class TombstonesFile
{
    public const string FileName = "tombstones";
    public const uint Magic = 0x0130BA30;
    public const byte FormatVersion = 1;

    /// <summary>Magic, version and the CRC32C of zero records (which is 0).</summary>
    public static byte[] Empty()
    {
        var b = new EncodingBuffer(16);
        b.PutBE32(Magic);
        b.PutByte(FormatVersion);
        b.PutCrc32C(b.Length);
        return b.Span.ToArray();
    }
}
