using System.Numerics;
using System.Runtime.CompilerServices;
using ThanosLab.Engine.Tsdb.Buffers;

namespace ThanosLab.Engine.Tsdb.Chunkenc;

/// <summary>
/// Gorilla's XOR of one float against the previous (formats.md §5.2): a 0-bit for the same value,
/// else the changed bits inside the previous leading/trailing-zero window or a new window. The XOR
/// chunk's values and the histogram chunks' sums and float counts share it.
/// </summary>
public struct XorValue
{
    /// <summary>The window of a value with no predecessor: the first change always opens a new one.</summary>
    public const byte NoWindow = 0xFF;

    public ulong Bits;
    public byte Leading;
    public byte Trailing;

    public static XorValue First(ulong bits) => new() { Bits = bits, Leading = NoWindow };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(BitStreamWriter w, ulong bits)
    {
        var delta = bits ^ Bits;
        Bits = bits;
        if (delta == 0)
        {
            w.WriteBit(false);
            return;
        }
        w.WriteBit(true);
        var leading = (byte)Math.Min(BitOperations.LeadingZeroCount(delta), 31);
        var trailing = (byte)BitOperations.TrailingZeroCount(delta);
        if (Leading != NoWindow && leading >= Leading && trailing >= Trailing)
        {
            w.WriteBit(false);
            w.WriteBits(delta >> Trailing, 64 - Leading - Trailing);
            return;
        }
        Leading = leading;
        Trailing = trailing;
        w.WriteBit(true);
        w.WriteBits(leading, 5);
        var significant = 64 - leading - trailing;
        // 64 significant bits are stored as 0 in the 6-bit field.
        w.WriteBits((ulong)significant, 6);
        w.WriteBits(delta >> trailing, significant);
    }

    /// <summary>Reads the next value; false when the window read is impossible (more than 64 bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Read(ref BitStreamReader r)
    {
        if (!r.ReadBit())
        {
            return true;
        }
        if (r.ReadBit())
        {
            var leading = (int)r.ReadBits(5);
            var significant = (int)r.ReadBits(6);
            if (significant == 0)
            {
                significant = 64;
            }
            if (leading + significant > 64)
            {
                Leading = (byte)leading;
                Trailing = 0;
                return false;
            }
            Leading = (byte)leading;
            Trailing = (byte)(64 - leading - significant);
        }
        var changed = r.ReadBits(64 - Leading - Trailing);
        Bits ^= changed << Trailing;
        return true;
    }
}
