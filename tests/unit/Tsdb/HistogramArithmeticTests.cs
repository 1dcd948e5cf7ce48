using ThanosLab.Engine.Tsdb.Histograms;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

/// <summary>
/// Float-histogram sums, differences, schema reduction and reset detection, against the values of
/// Prometheus' TestFloatHistogramAdd and against what follows from bucket boundaries. Buckets are
/// compared by index, since spans may cover the same buckets in different ways.
/// </summary>
public class HistogramArithmeticTests
{
    private static NativeHistogram H(int schema, double threshold, double zeroCount, double count, double sum,
        HistogramSpan[] positiveSpans, double[] positive, HistogramSpan[] negativeSpans, double[] negative,
        CounterResetHint hint = CounterResetHint.Unknown) => new()
    {
        Schema = schema,
        ZeroThreshold = threshold,
        ZeroCount = zeroCount,
        Count = count,
        Sum = sum,
        PositiveSpans = positiveSpans,
        PositiveBuckets = positive,
        NegativeSpans = negativeSpans,
        NegativeBuckets = negative,
        CounterResetHint = hint,
    };

    private static HistogramSpan[] S(params (int Offset, uint Length)[] spans) => spans.Select(s => new HistogramSpan(s.Offset, s.Length)).ToArray();

    private static (long, double)[] ByIndex(HistogramSpan[] spans, double[] counts) => BucketLayout.Indices(spans).Zip(counts).ToArray();

    private static void AssertSame(NativeHistogram want, NativeHistogram got)
    {
        Assert.Equal((want.Schema, want.ZeroThreshold, want.ZeroCount, want.Count), (got.Schema, got.ZeroThreshold, got.ZeroCount, got.Count));
        Assert.Equal(want.Sum, got.Sum, 12);
        Assert.Equal(ByIndex(want.PositiveSpans, want.PositiveBuckets), ByIndex(got.PositiveSpans, got.PositiveBuckets));
        Assert.Equal(ByIndex(want.NegativeSpans, want.NegativeBuckets), ByIndex(got.NegativeSpans, got.NegativeBuckets));
    }

    public static TheoryData<string, NativeHistogram, NativeHistogram, NativeHistogram> PrometheusAddCases() => new()
    {
        {
            "schema change",
            H(0, 0.01, 8, 21, 1.234, S((-1, 4), (0, 3)), new double[] { 5, 4, 2, 3, 6, 2, 5 }, S((4, 2), (1, 2)), new double[] { 1, 1, 4, 4 }),
            H(1, 0.01, 11, 30, 2.345, S((-4, 3), (5, 5)), new double[] { 1, 0, 0, 3, 2, 2, 3, 4 }, S((6, 3), (6, 4)), new double[] { 3, 0.5, 0.5, 2, 3, 2, 4 }),
            H(0, 0.01, 19, 51, 3.579, S((-2, 5), (0, 3)), new double[] { 1, 5, 4, 2, 6, 10, 9, 5 }, S((3, 3), (1, 3)), new double[] { 3, 2, 1, 4, 9, 6 })
        },
        {
            "larger zero bucket in first histogram",
            H(0, 1, 17, 21, 1.234, S((1, 2), (0, 3)), new double[] { 2, 3, 6, 2, 5 }, S((4, 2), (1, 2)), new double[] { 1, 1, 4, 4 }),
            H(0, 0.01, 11, 30, 2.345, S((-2, 2), (2, 3)), new double[] { 1, 0, 3, 4, 7 }, S((3, 2), (3, 2)), new double[] { 3, 1, 5, 6 }),
            H(0, 1, 29, 51, 3.579, S((1, 2), (0, 3)), new double[] { 2, 6, 10, 9, 5 }, S((3, 3), (1, 3)), new double[] { 3, 2, 1, 4, 9, 6 })
        },
        {
            "larger zero bucket in second histogram",
            H(0, 0.01, 11, 30, 2.345, S((-2, 2), (2, 3)), new double[] { 1, 0, 3, 4, 7 }, S((3, 2), (3, 2)), new double[] { 3, 1, 5, 6 }),
            H(0, 1, 17, 21, 1.234, S((1, 2), (0, 3)), new double[] { 2, 3, 6, 2, 5 }, S((4, 2), (1, 2)), new double[] { 1, 1, 4, 4 }),
            H(0, 1, 29, 51, 3.579, S((1, 5)), new double[] { 2, 6, 10, 9, 5 }, S((3, 3), (1, 3)), new double[] { 3, 2, 1, 4, 9, 6 })
        },
        {
            "larger zero threshold in first histogram ends up inside a populated bucket of second histogram",
            H(0, 0.2, 17, 21, 1.234, S((1, 2), (0, 3)), new double[] { 2, 3, 6, 2, 5 }, S((4, 2), (1, 2)), new double[] { 1, 1, 4, 4 }),
            H(0, 0.01, 11, 30, 2.345, S((-2, 2), (2, 3)), new double[] { 1, 0, 3, 4, 7 }, S((3, 2), (3, 2)), new double[] { 3, 1, 5, 6 }),
            H(0, 0.25, 29, 51, 3.579, S((-1, 1), (1, 5)), new double[] { 0, 2, 6, 10, 9, 5 }, S((3, 3), (1, 3)), new double[] { 3, 2, 1, 4, 9, 6 })
        },
        {
            "larger zero threshold in second histogram ends up inside a populated bucket of first histogram",
            H(0, 0.01, 11, 30, 2.345, S((-2, 2), (2, 3)), new double[] { 1, 0, 3, 4, 7 }, S((3, 2), (3, 2)), new double[] { 3, 1, 5, 6 }),
            H(0, 0.2, 17, 21, 1.234, S((1, 2), (0, 3)), new double[] { 2, 3, 6, 2, 5 }, S((4, 2), (1, 2)), new double[] { 1, 1, 4, 4 }),
            H(0, 0.25, 29, 51, 3.579, S((1, 5)), new double[] { 2, 6, 10, 9, 5 }, S((3, 3), (1, 3)), new double[] { 3, 2, 1, 4, 9, 6 })
        },
        {
            "schema change combined with larger zero bucket in second histogram",
            H(0, 0.01, 8, 21, 1.234, S((-2, 5), (0, 3)), new double[] { 2, 5, 4, 2, 3, 6, 2, 5 }, S((4, 2), (1, 2)), new double[] { 1, 1, 4, 4 }),
            H(1, 0.25, 12, 30, 2.345, S((-3, 2), (5, 5)), new double[] { 1, 0, 3, 2, 2, 3, 4 }, S((6, 3), (6, 4)), new double[] { 3, 0.5, 0.5, 2, 3, 2, 4 }),
            H(0, 0.25, 22, 51, 3.579, S((-1, 7)), new double[] { 6, 4, 2, 6, 10, 9, 5 }, S((3, 3), (1, 3)), new double[] { 3, 2, 1, 4, 9, 6 })
        },
        {
            "schema change combined with larger zero bucket in first histogram",
            H(0, 0.25, 8, 21, 1.234, S((-1, 4), (0, 3)), new double[] { 5, 4, 2, 3, 6, 2, 5 }, S((4, 2), (1, 2)), new double[] { 1, 1, 4, 4 }),
            H(1, 0.01, 11, 30, 2.345, S((-4, 3), (5, 5)), new double[] { 1, 0, 0, 3, 2, 2, 3, 4 }, S((6, 3), (6, 4)), new double[] { 3, 0.5, 0.5, 2, 3, 2, 4 }),
            H(0, 0.25, 20, 51, 3.579, S((-1, 4), (0, 3)), new double[] { 5, 4, 2, 6, 10, 9, 5 }, S((3, 3), (1, 3)), new double[] { 3, 2, 1, 4, 9, 6 })
        },
    };

    [Theory]
    [MemberData(nameof(PrometheusAddCases))]
    public void AddGivesPrometheusSums(string name, NativeHistogram a, NativeHistogram b, NativeHistogram want)
    {
        Assert.NotEmpty(name);
        AssertSame(want, HistogramArithmetic.Add(a, b));
    }

    [Fact]
    public void SubtractUndoesAddAndLeavesTheInputsAlone()
    {
        var a = H(1, 0.01, 3, 20, 5.5, S((-2, 3), (2, 2)), new double[] { 1, 2, 3, 4, 5 }, S((0, 1)), new double[] { 2 });
        var b = H(1, 0.01, 1, 9, 1.5, S((0, 2), (5, 1)), new double[] { 4, 1, 2 }, S((1, 1)), new double[] { 1 });
        var aBuckets = a.PositiveBuckets.ToArray();
        var sum = HistogramArithmetic.Add(a, b);
        var back = HistogramArithmetic.Subtract(sum, b);
        Assert.Equal(aBuckets, a.PositiveBuckets);
        Assert.Equal((a.Count, a.ZeroCount, a.Sum), (back.Count, back.ZeroCount, back.Sum));
        // The union layout stays: a's buckets, and b's own ones at 0.
        var got = ByIndex(back.PositiveSpans, back.PositiveBuckets).Where(x => x.Item2 != 0).ToArray();
        Assert.Equal(ByIndex(a.PositiveSpans, a.PositiveBuckets), got);
        Assert.Contains((7L, 0.0), ByIndex(back.PositiveSpans, back.PositiveBuckets));
        // Buckets only the subtrahend has go negative, as in Prometheus.
        var difference = HistogramArithmetic.Subtract(a, b);
        Assert.Contains((7L, -2.0), ByIndex(difference.PositiveSpans, difference.PositiveBuckets));
        Assert.Equal(new[] { (0L, 2.0), (1L, -1.0) }, ByIndex(difference.NegativeSpans, difference.NegativeBuckets));
    }

    [Fact]
    public void ReducingTheSchemaMergesBucketsThatShareABoundary()
    {
        // Schema 2 bucket k lies in schema 0 bucket ((k - 1) >> 2) + 1: -3..0 in 0, 1..4 in 1, 5 in 2.
        var h = H(2, 0.001, 1, 45, 9, S((-3, 8)), new double[] { 1, 2, 3, 4, 5, 6, 7, 8 }, S((5, 1)), new double[] { 9 });
        var reduced = HistogramArithmetic.ToSchema(h, 0);
        Assert.Equal(0, reduced.Schema);
        Assert.Equal(new[] { (0L, 1.0 + 2 + 3 + 4), (1L, 5.0 + 6 + 7 + 8) }, ByIndex(reduced.PositiveSpans, reduced.PositiveBuckets));
        Assert.Equal(new[] { (2L, 9.0) }, ByIndex(reduced.NegativeSpans, reduced.NegativeBuckets));
        Assert.Equal((h.Count, h.Sum, h.ZeroCount), (reduced.Count, reduced.Sum, reduced.ZeroCount));
        // Each reduced bucket covers exactly the range of the buckets merged into it.
        Assert.Equal(BucketBoundaries.Upper(0, 2), BucketBoundaries.Upper(0, 0));
        Assert.Equal(BucketBoundaries.Upper(4, 2), BucketBoundaries.Upper(1, 0));
        Assert.Equal(BucketBoundaries.Upper(-4, 2), BucketBoundaries.Upper(-1, 0));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => HistogramArithmetic.ToSchema(h, 3));
        Assert.Contains("schema 3", e.Message);
    }

    [Fact]
    public void ResetDetectionTrustsTheHintThenComparesEveryCount()
    {
        var previous = H(1, 0.01, 2, 10, 4, S((0, 3)), new double[] { 1, 3, 4 }, S(), Array.Empty<double>());
        NativeHistogram Next(double zero, double[] buckets, HistogramSpan[]? spans = null, int schema = 1, CounterResetHint hint = CounterResetHint.Unknown) =>
            H(schema, 0.01, zero, zero + buckets.Sum(), 5, spans ?? S((0, 3)), buckets, S(), Array.Empty<double>(), hint);

        Assert.False(HistogramArithmetic.IsCounterReset(Next(2, new double[] { 1, 3, 4 }), previous));
        Assert.False(HistogramArithmetic.IsCounterReset(Next(3, new double[] { 1, 4, 4, 2 }, S((0, 4))), previous));
        Assert.True(HistogramArithmetic.IsCounterReset(Next(1, new double[] { 1, 3, 5 }), previous));
        Assert.True(HistogramArithmetic.IsCounterReset(Next(2, new double[] { 2, 2, 5 }), previous));
        // A bucket that is gone is a reset when it held something.
        Assert.True(HistogramArithmetic.IsCounterReset(Next(2, new double[] { 1, 9 }, S((0, 2))), previous));
        var emptyLast = H(1, 0.01, 2, 6, 4, S((0, 3)), new double[] { 1, 3, 0 }, S(), Array.Empty<double>());
        Assert.False(HistogramArithmetic.IsCounterReset(Next(2, new double[] { 1, 9 }, S((0, 2))), emptyLast));
        // The hint wins over the counts.
        Assert.False(HistogramArithmetic.IsCounterReset(Next(0, new double[] { 0, 0, 0 }, hint: CounterResetHint.NotCounterReset), previous));
        Assert.True(HistogramArithmetic.IsCounterReset(Next(2, new double[] { 1, 3, 4 }, hint: CounterResetHint.CounterReset), previous));
        // A finer schema is a reset; a coarser one is compared with the previous buckets merged down.
        Assert.True(HistogramArithmetic.IsCounterReset(Next(2, new double[] { 1, 3, 4 }, schema: 2), previous));
        // (schema 1's buckets 0, 1 and 2 are schema 0's 0, 1 and 1: 1 and 3 + 4)
        Assert.False(HistogramArithmetic.IsCounterReset(Next(2, new double[] { 1, 7 }, S((0, 2)), schema: 0), previous));
        Assert.True(HistogramArithmetic.IsCounterReset(Next(2, new double[] { 2, 6 }, S((0, 2)), schema: 0), previous));
    }

    [Fact]
    public void HintsCombineAsPrometheusAdjustsThem()
    {
        NativeHistogram With(CounterResetHint hint) => H(0, 0.01, 0, 1, 1, S((0, 1)), new double[] { 1 }, S(), Array.Empty<double>(), hint);
        Assert.Equal(CounterResetHint.NotCounterReset, HistogramArithmetic.Add(With(CounterResetHint.NotCounterReset), With(CounterResetHint.NotCounterReset)).CounterResetHint);
        Assert.Equal(CounterResetHint.Gauge, HistogramArithmetic.Add(With(CounterResetHint.Unknown), With(CounterResetHint.Gauge)).CounterResetHint);
        Assert.Equal(CounterResetHint.Unknown, HistogramArithmetic.Add(With(CounterResetHint.NotCounterReset), With(CounterResetHint.Unknown)).CounterResetHint);
        Assert.Equal(CounterResetHint.Unknown, HistogramArithmetic.Subtract(With(CounterResetHint.CounterReset), With(CounterResetHint.NotCounterReset)).CounterResetHint);
    }

    [Fact]
    public void RandomSumsAndDifferencesMatchBucketByBucketArithmetic()
    {
        var random = new Random(15);
        NativeHistogram Random(bool zeroLengthSpans)
        {
            var indices = Enumerable.Range(-6, 14).Where(_ => random.Next(3) > 0).Select(i => (long)i).ToArray();
            var spans = BucketLayout.FromIndices(indices).ToList();
            if (zeroLengthSpans && spans.Count > 1)
            {
                // Prometheus' own spans may hold empty spans and spans that touch.
                spans.Insert(1, new HistogramSpan(0, 0));
            }
            var counts = indices.Select(_ => (double)random.Next(1, 50)).ToArray();
            return H(0, 0.001, random.Next(5), counts.Sum(), random.NextDouble(), spans.ToArray(), counts, S(), Array.Empty<double>());
        }
        for (var n = 0; n < 300; n++)
        {
            var a = Random(n % 2 == 0);
            // Half the time b is a with some buckets left out, the case a running sum meets.
            var b = n % 4 < 2 ? Random(n % 3 == 0) : Thinned(a);
            foreach (var sign in new[] { 1, -1 })
            {
                var want = new SortedDictionary<long, double>();
                foreach (var (i, c) in ByIndex(a.PositiveSpans, a.PositiveBuckets))
                {
                    want[i] = c;
                }
                foreach (var (i, c) in ByIndex(b.PositiveSpans, b.PositiveBuckets))
                {
                    want[i] = want.TryGetValue(i, out var seen) ? seen + sign * c : sign * c;
                }
                var got = sign == 1 ? HistogramArithmetic.Add(a, b) : HistogramArithmetic.Subtract(a, b);
                Assert.Equal(want.Select(x => (x.Key, x.Value)).ToArray(), ByIndex(got.PositiveSpans, got.PositiveBuckets));
                Assert.Equal(a.ZeroCount + sign * b.ZeroCount, got.ZeroCount);
            }
        }

        NativeHistogram Thinned(NativeHistogram a)
        {
            var kept = ByIndex(a.PositiveSpans, a.PositiveBuckets).Where(_ => random.Next(2) == 0).ToArray();
            return H(0, 0.001, 1, kept.Sum(k => k.Item2), 1, BucketLayout.FromIndices(kept.Select(k => k.Item1).ToArray()), kept.Select(k => k.Item2).ToArray(), S(), Array.Empty<double>());
        }
    }
}
