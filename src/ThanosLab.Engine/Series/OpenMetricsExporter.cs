using System.Globalization;
using System.Text;
using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.IO;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Series;

/// <summary>
/// Writes the series of raw blocks as OpenMetrics text that <c>promtool tsdb create-blocks-from
/// openmetrics</c> reads back sample for sample: <c>name{label="value",...} value timestamp</c> per
/// sample, then <c># EOF</c>. Blocks go in the order given (oldest first keeps every series in time
/// order, as promtool needs); one chunk is held at a time, and the file appears only when complete.
/// </summary>
public static class OpenMetricsExporter
{
    /// <summary>Writes <paramref name="blockPaths"/>' matching samples in [start, end] to <paramref name="outputPath"/>; returns the samples written.</summary>
    public static long Export(IReadOnlyList<string> blockPaths, SeriesSelector selector, long start, long end, string outputPath, CancellationToken cancellation = default)
    {
        long written = 0;
        AtomicFile.Write(outputPath, stream =>
        {
            using var text = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            var timestamps = new long[XorChunkEncoder.MaxSamples];
            var values = new double[XorChunkEncoder.MaxSamples];
            foreach (var path in blockPaths)
            {
                using var reader = BlockReader.Open(path);
                if (DownsampleResolution.Of(reader.Meta) != DownsampleResolution.Raw)
                {
                    throw new ThanosLabException(ErrorKind.InvalidArgument, "NotRawBlock",
                        $"Block {reader.Meta.Id} has resolution {DownsampleResolution.Name(DownsampleResolution.Of(reader.Meta))}; OpenMetrics holds raw samples, not aggregates.",
                        path, "Export raw blocks; read downsampled blocks with Get-ThanosSeries.");
                }
                foreach (var series in reader.Series())
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (!selector.Matches(series.Labels))
                    {
                        continue;
                    }
                    var prefix = SeriesText(series.Labels, path);
                    foreach (var chunk in series.Chunks)
                    {
                        if (chunk.MaxTime < start || chunk.MinTime > end)
                        {
                            continue;
                        }
                        var n = reader.ReadChunk(chunk, timestamps, values);
                        for (var i = 0; i < n; i++)
                        {
                            if (timestamps[i] < start || timestamps[i] > end)
                            {
                                continue;
                            }
                            text.Write(prefix);
                            text.Write(' ');
                            text.Write(Value(values[i]));
                            text.Write(' ');
                            text.Write(Timestamp(timestamps[i]));
                            text.Write('\n');
                            written++;
                        }
                    }
                }
            }
            text.Write("# EOF\n");
        }, overwrite: false);
        return written;
    }

    private static string SeriesText(LabelSet labels, string path)
    {
        var name = labels.Get("__name__") ?? throw new ThanosLabException(ErrorKind.InvalidData, "SeriesWithoutName",
            $"Series {labels} of block '{path}' has no __name__ label; OpenMetrics needs a metric name.", path);
        var text = new StringBuilder(name);
        var first = true;
        foreach (var label in labels)
        {
            if (label.Name == "__name__")
            {
                continue;
            }
            text.Append(first ? '{' : ',').Append(label.Name).Append("=\"");
            foreach (var c in label.Value)
            {
                text.Append(c switch { '\\' => "\\\\", '"' => "\\\"", '\n' => "\\n", _ => c.ToString() });
            }
            text.Append('"');
            first = false;
        }
        return first ? text.ToString() : text.Append('}').ToString();
    }

    private static string Value(double v) => v switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => double.IsNaN(v) ? "NaN" : v.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Seconds, chosen so that Prometheus' parser (which truncates seconds × 1000 to an integer)
    /// gets the millisecond back: the nearest double to ms / 1000 may multiply to just below it.
    /// </summary>
    internal static string Timestamp(long ms)
    {
        var seconds = ms / 1000.0;
        while ((long)(seconds * 1000) < ms)
        {
            seconds = Math.BitIncrement(seconds);
        }
        return seconds.ToString("R", CultureInfo.InvariantCulture);
    }
}
