using System.Globalization;
using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// How a downsampled window's sum or counter histogram differs from the one its source gives, as
/// <see cref="DownsampleChecker"/> reports it: schema and zero threshold, then count, zero count, sum
/// and every bucket compared bit for bit. Buckets are matched by index, not by position in the spans:
/// two writers may lay out the same histogram differently, and a bucket one layout lacks holds 0.
/// </summary>
internal static class HistogramDifferences
{
    /// <summary>The differences of <paramref name="got"/> from <paramref name="want"/> (null = absent), each a sentence about <paramref name="name"/>.</summary>
    public static IEnumerable<string> Of(string name, NativeHistogram? want, NativeHistogram? got)
    {
        if (want is null || got is null)
        {
            if (want is not null || got is not null)
            {
                yield return $"{name} is {Text(got)}; the source gives {Text(want)}";
            }
            yield break;
        }
        var sameSchema = want.Schema == got.Schema;
        if (!sameSchema)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{name}'s schema is {got.Schema}; the source gives {want.Schema} (buckets not compared)");
        }
        foreach (var (field, w, g) in new[] { ("zero threshold", want.ZeroThreshold, got.ZeroThreshold), ("count", want.Count, got.Count), ("zero count", want.ZeroCount, got.ZeroCount), ("sum", want.Sum, got.Sum) })
        {
            if (!DownsampleChecker.SameBits(w, g))
            {
                yield return $"{name}'s {field} is {DownsampleChecker.Text(g)}; the source gives {DownsampleChecker.Text(w)}";
            }
        }
        if (!sameSchema)
        {
            yield break;
        }
        var differing = new List<(string Side, long Index, double Want, double Got)>();
        Compare("positive", want.PositiveSpans, want.PositiveBuckets, got.PositiveSpans, got.PositiveBuckets, differing);
        Compare("negative", want.NegativeSpans, want.NegativeBuckets, got.NegativeSpans, got.NegativeBuckets, differing);
        if (differing.Count > 0)
        {
            var (side, index, wantCount, gotCount) = differing[0];
            var more = differing.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" ({differing.Count} buckets differ)") : "";
            yield return string.Create(CultureInfo.InvariantCulture, $"{name}'s {side} bucket {index} holds {DownsampleChecker.Text(gotCount)}; the source gives {DownsampleChecker.Text(wantCount)}{more}");
        }
    }

    private static void Compare(string side, HistogramSpan[] wantSpans, double[] wantBuckets, HistogramSpan[] gotSpans, double[] gotBuckets, List<(string, long, double, double)> differing)
    {
        var want = ByIndex(wantSpans, wantBuckets);
        var got = ByIndex(gotSpans, gotBuckets);
        foreach (var index in want.Keys.Union(got.Keys).Order())
        {
            var w = want.GetValueOrDefault(index);
            var g = got.GetValueOrDefault(index);
            if (!DownsampleChecker.SameBits(w, g))
            {
                differing.Add((side, index, w, g));
            }
        }
    }

    private static Dictionary<long, double> ByIndex(HistogramSpan[] spans, double[] buckets)
    {
        var indices = BucketLayout.Indices(spans);
        var result = new Dictionary<long, double>(indices.Length);
        for (var i = 0; i < indices.Length && i < buckets.Length; i++)
        {
            result[indices[i]] = buckets[i];
        }
        return result;
    }

    private static string Text(NativeHistogram? h) => h is null ? "absent" : $"a histogram of count {DownsampleChecker.Text(h.Count)}";
}
