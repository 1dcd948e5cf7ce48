using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab.Engine.Tsdb.Chunkenc;

/// <summary>
/// The layout at the head of a histogram chunk's bit stream, shared by all its samples: zero
/// threshold, schema (varbit), then positive and negative spans (a varbit count, then per span its
/// length and offset).
/// </summary>
public readonly record struct HistogramChunkLayout(int Schema, double ZeroThreshold, HistogramSpan[] PositiveSpans, HistogramSpan[] NegativeSpans)
{
    // A zero threshold of 2^(b-243) fits one byte b in 1..254; 0 is byte 0, anything else 255 and 64 bits.
    private const int ExponentBias = 243;

    public void Write(BitStreamWriter w)
    {
        WriteZeroThreshold(w, ZeroThreshold);
        Varbit.WriteInt(w, Schema);
        WriteSpans(w, PositiveSpans);
        WriteSpans(w, NegativeSpans);
    }

    /// <summary>Reads a layout; an error names what is impossible about it.</summary>
    public static HistogramChunkLayout Read(ref BitStreamReader r, out string? error)
    {
        error = null;
        var threshold = ReadZeroThreshold(ref r);
        var schema = Varbit.ReadInt(ref r);
        var positive = ReadSpans(ref r, "positive", ref error);
        var negative = error is null ? ReadSpans(ref r, "negative", ref error) : Array.Empty<HistogramSpan>();
        if (error is null && schema is < NativeHistogram.MinSchema or > NativeHistogram.MaxSchema)
        {
            error = $"the layout has schema {schema}, outside {NativeHistogram.MinSchema}..{NativeHistogram.MaxSchema}";
        }
        if (error is null && (double.IsNaN(threshold) || threshold < 0))
        {
            error = $"the layout has zero threshold {threshold}, which is not a number of at least 0";
        }
        return new HistogramChunkLayout((int)Math.Clamp(schema, int.MinValue, int.MaxValue), threshold, positive, negative);
    }

    private static void WriteZeroThreshold(BitStreamWriter w, double threshold)
    {
        if (threshold == 0)
        {
            w.WriteByte(0);
            return;
        }
        // Go's math.Frexp: threshold = frac * 2^exp with frac in [0.5, 1).
        var exp = Math.ILogB(threshold) + 1;
        var frac = Math.ScaleB(threshold, -exp);
        if (frac != 0.5 || exp < -242 || exp > 11)
        {
            w.WriteByte(255);
            w.WriteBits(BitConverter.DoubleToUInt64Bits(threshold), 64);
            return;
        }
        w.WriteByte((byte)(exp + ExponentBias));
    }

    private static double ReadZeroThreshold(ref BitStreamReader r)
    {
        var b = r.ReadByte();
        return b switch
        {
            0 => 0,
            255 => BitConverter.UInt64BitsToDouble(r.ReadBits(64)),
            _ => Math.ScaleB(0.5, b - ExponentBias),
        };
    }

    private static void WriteSpans(BitStreamWriter w, HistogramSpan[] spans)
    {
        Varbit.WriteUint(w, (ulong)spans.Length);
        foreach (var s in spans)
        {
            Varbit.WriteUint(w, s.Length);
            Varbit.WriteInt(w, s.Offset);
        }
    }

    private static HistogramSpan[] ReadSpans(ref BitStreamReader r, string sign, ref string? error)
    {
        var count = Varbit.ReadUint(ref r);
        // Each span takes at least two bits, so a count beyond the bits left is corruption, not a size to allocate.
        if (count > (ulong)r.BitsLeft / 2)
        {
            error = $"the layout announces {count} {sign} spans, more than the {r.BitsLeft} bits left can hold";
            return Array.Empty<HistogramSpan>();
        }
        var spans = new HistogramSpan[count];
        for (var i = 0; i < spans.Length; i++)
        {
            var length = Varbit.ReadUint(ref r);
            var offset = Varbit.ReadInt(ref r);
            if (length > uint.MaxValue || offset is < int.MinValue or > int.MaxValue)
            {
                error = $"{sign} span {i} has length {length} and offset {offset}, outside Prometheus' 32-bit span fields";
                return Array.Empty<HistogramSpan>();
            }
            if (i > 0 && offset < 0)
            {
                error = $"{sign} span {i} has offset {offset}; only the first span may have a negative offset";
                return Array.Empty<HistogramSpan>();
            }
            spans[i] = new HistogramSpan((int)offset, (uint)length);
        }
        return spans;
    }
}
