using System.Buffers;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Chunks;

namespace ThanosLab.Engine.Tsdb.Verification;

/// <summary>
/// <see cref="BlockVerifier"/>'s checks of one Thanos aggregate chunk (encoding 0xFF): the entry
/// layout, every sub-chunk decoded to its end (a native-histogram series' float histogram sum and
/// counter too), timestamps in order (the counter may repeat one),
/// count never negative, min &lt;= max in every window, the same windows in count, sum, min and max,
/// windows that end where the block's resolution puts them (only a chunk's last window may end
/// early, at its last sample), and the chunk meta matching the windows.
/// </summary>
internal static class AggregateChunkChecks
{
    private static readonly AggregateType[] WindowAggregates = { AggregateType.Count, AggregateType.Sum, AggregateType.Min, AggregateType.Max };

    /// <summary>
    /// Checks <paramref name="record"/>; returns its windows (the samples Thanos counts for it), and
    /// clears <paramref name="complete"/> when it could not be read to the end.
    /// </summary>
    public static long Check(ChunkRecord record, SeriesChunk meta, int index, long resolution, Func<string> describe, ICollection<BlockIssue> issues, ref bool complete)
    {
        var (segment, offset) = (record.Segment, record.Offset);
        void Issue(string message) => issues.Add(new BlockIssue(segment, offset, describe(), $"aggregate chunk {index}: {message}"));

        var chunk = new AggregateChunkDecoder(record.Data);
        if (chunk.Error is not null)
        {
            Issue(chunk.Error);
            complete = false;
            return 0;
        }
        if (chunk.TrailingBytes > 0)
        {
            Issue($"{chunk.TrailingBytes} bytes follow the five aggregate entries");
        }
        if (resolution <= 0)
        {
            Issue("the block's meta.json says raw resolution, but raw blocks hold no aggregate chunks");
        }
        if (!chunk.IsPresent(AggregateType.Count))
        {
            Issue("the count aggregate is absent; Thanos counts a chunk's samples by it");
            return 0;
        }
        var count = new List<(long T, double V)>();
        var window = new Dictionary<AggregateType, List<(long T, double V)>>();
        foreach (var type in Enum.GetValues<AggregateType>())
        {
            if (!chunk.IsPresent(type))
            {
                continue;
            }
            var name = AggregateChunkDecoder.Name(type);
            var encoding = chunk.EncodingOf(type);
            var isHistogram = HistogramChunkEncoder.IsHistogramEncoding(encoding);
            if (encoding != XorChunkEncoder.Encoding && !(isHistogram && type is AggregateType.Sum or AggregateType.Counter))
            {
                Issue($"the {name} aggregate has encoding {encoding}, not XOR (1){(type is AggregateType.Sum or AggregateType.Counter ? " or a histogram encoding" : "")}");
                complete = false;
                continue;
            }
            var samples = type == AggregateType.Count ? count : new List<(long, double)>();
            var (error, exact, samplesCount, usedBytes, knownIncreasing) = isHistogram
                ? ReadHistograms(chunk.SubChunk(type), encoding, samples)
                : ReadFloats(chunk.SubChunk(type), samples);
            if (error is not null)
            {
                Issue($"the {name} aggregate: {error}");
                complete = false;
                continue;
            }
            if (!exact)
            {
                Issue($"the {name} aggregate is {chunk.SubChunk(type).Length} bytes, but its {samplesCount} samples end after {usedBytes} bytes");
            }
            // The XOR decoder tells whether the timestamps increase, which is in order for every aggregate;
            // only the others are gone through to find where, and whether, the order breaks.
            if (!knownIncreasing)
            {
                CheckOrder(samples, type, name, Issue);
            }
            window[type] = samples;
        }
        if (!window.ContainsKey(AggregateType.Count))
        {
            return 0;
        }
        if (count.Count == 0)
        {
            Issue("the count aggregate holds no windows");
            return 0;
        }
        CheckWindows(count, window, resolution, Issue);
        if (count[0].T != meta.MinTime || count[^1].T != meta.MaxTime)
        {
            Issue($"its windows run from {count[0].T} to {count[^1].T}, but the index says [{meta.MinTime}, {meta.MaxTime}]");
        }
        if (window.TryGetValue(AggregateType.Counter, out var counter) && counter.Count > 0 && (counter[^1].T != count[^1].T || counter[0].T > count[0].T))
        {
            Issue($"the counter runs from {counter[0].T} to {counter[^1].T}; it should start at or before the first window ({count[0].T}) and end at the last ({count[^1].T})");
        }
        return count.Count;
    }

    private static (string? Error, bool Exact, int Count, long UsedBytes, bool KnownIncreasing) ReadFloats(ReadOnlySpan<byte> subChunk, List<(long T, double V)> samples)
    {
        var count = XorChunkDecoder.SampleCount(subChunk);
        var timestamps = ArrayPool<long>.Shared.Rent(count);
        var values = ArrayPool<double>.Shared.Rent(count);
        var decoded = XorChunkDecoder.Decode(subChunk, timestamps, values);
        for (var i = 0; i < decoded.Decoded; i++)
        {
            samples.Add((timestamps[i], values[i]));
        }
        ArrayPool<long>.Shared.Return(timestamps);
        ArrayPool<double>.Shared.Return(values);
        return (decoded.Error, decoded.HasExactLength, decoded.Count, decoded.UsedBytes, decoded.TimestampsIncrease);
    }

    /// <summary>A native-histogram series' sum or counter; each window is kept as its histogram's count; its order is not known before <see cref="CheckOrder"/>.</summary>
    private static (string? Error, bool Exact, int Count, long UsedBytes, bool KnownIncreasing) ReadHistograms(ReadOnlySpan<byte> subChunk, byte encoding, List<(long T, double V)> samples)
    {
        var decoder = new HistogramChunkDecoder(subChunk, encoding);
        while (decoder.Next())
        {
            samples.Add((decoder.Timestamp, decoder.HistogramCount));
        }
        return (decoder.Error, decoder.HasExactLength, decoder.Count, decoder.UsedBytes, false);
    }

    private static void CheckOrder(List<(long T, double V)> samples, AggregateType type, string name, Action<string> issue)
    {
        for (var i = 1; i < samples.Count; i++)
        {
            var t = samples[i].T;
            var previous = samples[i - 1].T;
            // The counter repeats its last timestamp (and may share its first with the first window).
            if (t < previous || t == previous && type != AggregateType.Counter)
            {
                issue($"the {name} aggregate's timestamps do not increase at sample {i + 1} ({t} after {previous})");
                return;
            }
        }
    }

    private static void CheckWindows(List<(long T, double V)> count, Dictionary<AggregateType, List<(long T, double V)>> window, long resolution, Action<string> issue)
    {
        for (var i = 0; i < count.Count; i++)
        {
            if (!(count[i].V >= 0))
            {
                issue($"window {count[i].T} has count {count[i].V}; a count is never negative");
                break;
            }
        }
        if (resolution > 0)
        {
            for (var i = 0; i + 1 < count.Count; i++)
            {
                if (count[i].T % resolution != resolution - 1)
                {
                    issue($"window {count[i].T} does not end a {resolution} ms window (t % {resolution} should be {resolution - 1}); only a chunk's last window may end early");
                    break;
                }
            }
        }
        foreach (var type in WindowAggregates.Skip(1))
        {
            if (window.TryGetValue(type, out var samples) && !samples.Select(s => s.T).SequenceEqual(count.Select(s => s.T)))
            {
                issue($"the {AggregateChunkDecoder.Name(type)} aggregate has {samples.Count} windows that differ from the count aggregate's {count.Count}");
            }
        }
        if (window.TryGetValue(AggregateType.Min, out var min) && window.TryGetValue(AggregateType.Max, out var max) && min.Count == max.Count)
        {
            for (var i = 0; i < min.Count; i++)
            {
                if (min[i].V > max[i].V)
                {
                    issue($"window {min[i].T} has min {min[i].V} above max {max[i].V}");
                    break;
                }
            }
        }
    }
}
