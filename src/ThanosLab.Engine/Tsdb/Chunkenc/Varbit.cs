using ThanosLab.Engine.Tsdb.Buffers;

namespace ThanosLab.Engine.Tsdb.Chunkenc;

/// <summary>
/// Prometheus' varbit integers of the histogram chunks: a unary prefix of up to eight 1-bits picks
/// a width of 0, 3, 6, 9, 12, 18, 25, 56 or 64 bits. Signed values use the asymmetric ranges
/// [-(2^(n-1)-1), 2^(n-1)] of the XOR timestamps.
/// </summary>
public static class Varbit
{
    private static readonly int[] Widths = { 3, 6, 9, 12, 18, 25, 56 };

    public static void WriteInt(BitStreamWriter w, long value)
    {
        if (value == 0)
        {
            w.WriteBit(false);
            return;
        }
        for (var i = 0; i < Widths.Length; i++)
        {
            var n = Widths[i];
            if (-((1L << (n - 1)) - 1) <= value && value <= 1L << (n - 1))
            {
                w.WriteBits(Prefix(i), i + 2);
                w.WriteBits((ulong)value, n);
                return;
            }
        }
        w.WriteBits(0xFF, 8);
        w.WriteBits((ulong)value, 64);
    }

    public static void WriteUint(BitStreamWriter w, ulong value)
    {
        if (value == 0)
        {
            w.WriteBit(false);
            return;
        }
        for (var i = 0; i < Widths.Length; i++)
        {
            var n = Widths[i];
            if (value < 1UL << n)
            {
                w.WriteBits(Prefix(i), i + 2);
                w.WriteBits(value, n);
                return;
            }
        }
        w.WriteBits(0xFF, 8);
        w.WriteBits(value, 64);
    }

    public static long ReadInt(ref BitStreamReader r)
    {
        var width = ReadWidth(ref r);
        var raw = r.ReadBits(width);
        if (width is > 0 and < 64 && raw > 1UL << (width - 1))
        {
            return (long)raw - (1L << width);
        }
        return (long)raw;
    }

    public static ulong ReadUint(ref BitStreamReader r) => r.ReadBits(ReadWidth(ref r));

    // Prefix i (0-based width slot) is i+1 one-bits and a zero: 0b10, 0b110, ...
    private static ulong Prefix(int i) => ((1UL << (i + 1)) - 1) << 1;

    private static int ReadWidth(ref BitStreamReader r)
    {
        var ones = 0;
        while (ones < 8 && r.ReadBit())
        {
            ones++;
        }
        return ones switch
        {
            0 => 0,
            8 => 64,
            _ => Widths[ones - 1],
        };
    }
}
