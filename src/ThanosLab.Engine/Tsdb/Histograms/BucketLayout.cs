namespace ThanosLab.Engine.Tsdb.Histograms;

/// <summary>
/// Which bucket indices a list of spans covers, and the layout changes Prometheus' head makes when a
/// histogram brings buckets its chunk does not have yet.
/// </summary>
public static class BucketLayout
{
    /// <summary>How many buckets the spans cover.</summary>
    public static long Count(ReadOnlySpan<HistogramSpan> spans)
    {
        long n = 0;
        foreach (var s in spans)
        {
            n += s.Length;
        }
        return n;
    }

    /// <summary>The bucket indices the spans cover, in order.</summary>
    public static long[] Indices(ReadOnlySpan<HistogramSpan> spans)
    {
        var result = new long[Count(spans)];
        long index = 0;
        var k = 0;
        foreach (var s in spans)
        {
            index += s.Offset;
            for (var j = 0u; j < s.Length; j++)
            {
                result[k++] = index++;
            }
        }
        return result;
    }

    /// <summary>The fewest spans that cover exactly the given increasing indices.</summary>
    public static HistogramSpan[] FromIndices(ReadOnlySpan<long> indices)
    {
        var spans = new List<HistogramSpan>();
        long end = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            if (spans.Count > 0 && indices[i] == end)
            {
                spans[^1] = spans[^1] with { Length = spans[^1].Length + 1 };
            }
            else
            {
                spans.Add(new HistogramSpan(checked((int)(indices[i] - end)), 1));
            }
            end = indices[i] + 1;
        }
        return spans.ToArray();
    }

    /// <summary>Whether every bucket of <paramref name="inner"/> is also one of <paramref name="outer"/>.</summary>
    public static bool Covers(ReadOnlySpan<HistogramSpan> outer, ReadOnlySpan<HistogramSpan> inner) => Covers(Indices(outer), Indices(inner));

    /// <summary>Whether every index of <paramref name="inner"/> is also one of <paramref name="outer"/> (both increasing).</summary>
    public static bool Covers(ReadOnlySpan<long> outer, ReadOnlySpan<long> inner)
    {
        var k = 0;
        foreach (var index in inner)
        {
            while (k < outer.Length && outer[k] < index)
            {
                k++;
            }
            if (k == outer.Length || outer[k] != index)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The indices of both (each increasing), increasing.</summary>
    public static long[] Union(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        var result = new List<long>(Math.Max(a.Length, b.Length));
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j == b.Length || (i < a.Length && a[i] < b[j]))
            {
                result.Add(a[i++]);
            }
            else
            {
                if (i < a.Length && a[i] == b[j])
                {
                    i++;
                }
                result.Add(b[j++]);
            }
        }
        return result.ToArray();
    }

    /// <summary>
    /// The counts of <paramref name="buckets"/> (laid out by <paramref name="from"/>) laid out by the
    /// wider <paramref name="to"/>: buckets <paramref name="from"/> does not have hold 0.
    /// </summary>
    public static double[] Expand(ReadOnlySpan<HistogramSpan> from, double[] buckets, ReadOnlySpan<HistogramSpan> to)
    {
        var source = Indices(from);
        var target = Indices(to);
        if (source.AsSpan().SequenceEqual(target))
        {
            return buckets;
        }
        var result = new double[target.Length];
        var k = 0;
        for (var i = 0; i < source.Length; i++)
        {
            while (k < target.Length && target[k] < source[i])
            {
                k++;
            }
            if (k == target.Length || target[k] != source[i])
            {
                throw new ArgumentException($"The layout lacks bucket {source[i]} of the histogram.", nameof(to));
            }
            result[k] = buckets[i];
        }
        return result;
    }
}
