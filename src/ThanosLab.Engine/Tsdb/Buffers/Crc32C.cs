using System.IO.Hashing;

namespace ThanosLab.Engine.Tsdb.Buffers;

/// <summary>CRC-32C (Castagnoli), the checksum of every TSDB file (formats.md §1).</summary>
public static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data) => Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data);
}
