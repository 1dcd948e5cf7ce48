using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.Intrinsics.X86;
using ArmCrc32 = System.Runtime.Intrinsics.Arm.Crc32;

namespace ThanosLab.Engine.Tsdb.Buffers;

/// <summary>CRC-32C (Castagnoli), the checksum of every TSDB file (formats.md §1).</summary>
public static class Crc32C
{
    // System.IO.Hashing computes the Castagnoli polynomial from a table, byte by byte; the CPU's CRC32C
    // instruction takes eight bytes a step, and every chunk read and written is checksummed.
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            ulong crc = uint.MaxValue;
            while (data.Length >= 8)
            {
                crc = Sse42.X64.Crc32(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
            var c = (uint)crc;
            foreach (var b in data)
            {
                c = Sse42.Crc32(c, b);
            }
            return ~c;
        }
        if (ArmCrc32.Arm64.IsSupported)
        {
            var c = uint.MaxValue;
            while (data.Length >= 8)
            {
                c = ArmCrc32.Arm64.ComputeCrc32C(c, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
            foreach (var b in data)
            {
                c = ArmCrc32.ComputeCrc32C(c, b);
            }
            return ~c;
        }
        return Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data);
    }
}
