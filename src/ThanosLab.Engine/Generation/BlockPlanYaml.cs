using System.Globalization;
using ThanosLab.Engine.Durations;
using ThanosLab.Engine.IO;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// thanosbench's plan stream (formats.md §17.2): one YAML document per block, as yaml.v2 writes Go
/// structs without tags. Read strictly, as <c>block gen</c> does: an unknown key is an error.
/// </summary>
public static class BlockPlanYaml
{
    private static readonly StrictYamlFormat Format = new("The block plan", "InvalidBlockPlan", "plans are decoded strictly, as thanosbench does");

    private const string ZeroUlid = "00000000000000000000000000";

    public static void Write(IEnumerable<BlockSpec> blocks, TextWriter w)
    {
        var first = true;
        foreach (var b in blocks)
        {
            if (!first) w.Write("---\n");
            first = false;
            w.Write("meta:\n  blockmeta:\n");
            w.Write($"    ulid: \"{ZeroUlid}\"\n");
            w.Write($"    mintime: {Int(b.MinTime)}\n    maxtime: {Int(b.MaxTime)}\n");
            w.Write("    stats:\n      numsamples: 0\n      numseries: 0\n      numchunks: 0\n      numtombstones: 0\n");
            w.Write("    compaction:\n      level: 1\n      sources: []\n      deletable: false\n      parents: []\n      failed: false\n");
            w.Write("    version: 1\n  thanos:\n    version: 0\n");
            WriteMap(w, "    labels", b.ExternalLabels);
            w.Write($"    downsample:\n      resolution: 0\n    source: {YamlScalar.Quote(b.Source)}\n    segmentfiles: []\n    files: []\n    rewrites: []\n");
            w.Write("series:");
            if (b.Series.Count == 0)
            {
                w.Write(" []\n");
                continue;
            }
            w.Write('\n');
            foreach (var s in b.Series)
            {
                w.Write("- ");
                WriteMap(w, "labels", s.Labels, "  ");
                w.Write($"  targets: {Int(s.Targets)}\n");
                w.Write($"  type: {TypeName(s.Type)}\n");
                w.Write($"  mintime: {Int(s.MinTime)}\n  maxtime: {Int(s.MaxTime)}\n");
                var c = s.Characteristics;
                w.Write($"  jitter: {GoFloatFormat.Format(c.Jitter)}\n");
                w.Write($"  scrapeInterval: {GoDuration.Format(c.ScrapeInterval)}\n");
                w.Write($"  changeInterval: {GoDuration.Format(c.ChangeInterval)}\n");
                w.Write($"  max: {GoFloatFormat.Format(c.Max)}\n  min: {GoFloatFormat.Format(c.Min)}\n");
                if (s.Histogram is { } h)
                {
                    w.Write($"  histogram:\n    schema: {Int(h.Schema)}\n    buckets: {Int(h.Buckets)}\n    zeroThreshold: {GoFloatFormat.Format(h.ZeroThreshold)}\n");
                }
            }
        }
    }

    public static string ToYaml(IEnumerable<BlockSpec> blocks)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        Write(blocks, sw);
        return sw.ToString();
    }

    public static string TypeName(SeriesType t) => t switch
    {
        SeriesType.Gauge => "GAUGE",
        SeriesType.Counter => "COUNTER",
        SeriesType.Random => "RANDOM",
        SeriesType.Histogram => "HISTOGRAM",
        SeriesType.FloatHistogram => "FLOATHISTOGRAM",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>The accepted type names, for messages.</summary>
    public static string TypeNames => string.Join(", ", Enum.GetValues<SeriesType>().Select(TypeName));

    public static SeriesType ParseType(string? name) => name?.ToUpperInvariant() switch
    {
        "GAUGE" => SeriesType.Gauge,
        "COUNTER" => SeriesType.Counter,
        "RANDOM" => SeriesType.Random,
        "HISTOGRAM" => SeriesType.Histogram,
        "FLOATHISTOGRAM" => SeriesType.FloatHistogram,
        _ => throw new ThanosLabException(ErrorKind.InvalidArgument, "UnknownSeriesType",
            $"'{name}' is not a series type. Valid types: {TypeNames} (the last two are ThanosLab's native-histogram extension).", name),
    };

    private static string Int(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static void WriteMap(TextWriter w, string key, LabelSet labels, string indent = "")
    {
        if (labels.Count == 0)
        {
            w.Write($"{key}: {{}}\n");
            return;
        }
        w.Write($"{key}:\n");
        var childIndent = new string(' ', key.Length - key.TrimStart().Length + 2) + indent;
        foreach (var l in labels)
        {
            w.Write($"{childIndent}{YamlScalar.Quote(l.Name)}: {YamlScalar.Quote(l.Value)}\n");
        }
    }

    /// <summary>The most a plan file may hold: realistic-k8s-365d-tiny, the largest profile, plans about 12 MiB.</summary>
    public const int MaxFileBytes = 64 * 1024 * 1024;

    /// <summary>Reads a plan file, at most <see cref="MaxFileBytes"/> of it.</summary>
    public static IReadOnlyList<BlockSpec> ReadFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "PlanFileIsDirectory", $"The plan file '{path}' is a directory.", path,
                "Give the path of a YAML file written by 'thanosbench block plan' or Export-ThanosBlockPlan.");
        }
        string text;
        try
        {
            text = BoundedFile.ReadAllText(path, MaxFileBytes, "The plan file", "PlanFileTooLarge");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ThanosLabException(ErrorKind.ObjectNotFound, "PlanFileNotFound", $"The plan file '{path}' does not exist.", path,
                "Give the path of a YAML file written by 'thanosbench block plan' or Export-ThanosBlockPlan.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.ReadError, "PlanFileReadFailed", $"Cannot read the plan file '{path}': {e.Message}", path, null, e);
        }
        return Read(new StringReader(text), $"'{path}'");
    }

    /// <summary>Reads a plan stream; <paramref name="source"/> names the input in errors.</summary>
    public static IReadOnlyList<BlockSpec> Read(TextReader reader, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new BoundedYamlParser(reader, source));
        }
        catch (YamlException e)
        {
            throw Invalid(source, e.Start.Line, $"is not valid YAML: {e.Message}");
        }
        var blocks = new List<BlockSpec>();
        foreach (var doc in stream.Documents)
        {
            if (doc.RootNode is YamlScalarNode { Value: null or "" or "~" or "null" }) continue;
            blocks.Add(ReadBlock(doc.RootNode, source));
        }
        return blocks;
    }

    private static BlockSpec ReadBlock(YamlNode root, string source)
    {
        var top = Map(root, source, "a block spec", "meta", "series");
        long minTime = 0, maxTime = 0;
        var ext = LabelSet.Empty;
        var sourceName = "blockgen";
        if (top.TryGetValue("meta", out var metaNode))
        {
            var meta = Map(metaNode, source, "meta", "blockmeta", "thanos");
            if (meta.TryGetValue("blockmeta", out var bmNode))
            {
                var bm = Map(bmNode, source, "meta.blockmeta", "ulid", "mintime", "maxtime", "stats", "compaction", "version");
                if (bm.TryGetValue("mintime", out var n)) minTime = Time(n, source, "meta.blockmeta.mintime");
                if (bm.TryGetValue("maxtime", out n)) maxTime = Time(n, source, "meta.blockmeta.maxtime");
                if (bm.TryGetValue("stats", out n)) Map(n, source, "meta.blockmeta.stats", "numsamples", "numseries", "numchunks", "numtombstones");
                if (bm.TryGetValue("compaction", out n)) Map(n, source, "meta.blockmeta.compaction", "level", "sources", "deletable", "parents", "failed");
                if (bm.TryGetValue("version", out n) && Long(n, source, "meta.blockmeta.version") is not (0 or 1))
                {
                    throw Invalid(source, n.Start.Line, "has meta.blockmeta.version other than 1; thanosbench plans use version 1");
                }
            }
            if (meta.TryGetValue("thanos", out var thNode))
            {
                var th = Map(thNode, source, "meta.thanos", "version", "labels", "downsample", "source", "segmentfiles", "files", "rewrites");
                if (th.TryGetValue("labels", out var n)) ext = Labels(n, source, "meta.thanos.labels", "external label");
                if (th.TryGetValue("downsample", out n)) Map(n, source, "meta.thanos.downsample", "resolution");
                if (th.TryGetValue("source", out n)) sourceName = Str(n, source, "meta.thanos.source");
            }
        }
        var series = new List<SeriesSpec>();
        if (top.TryGetValue("series", out var seriesNode) && !IsNull(seriesNode))
        {
            if (seriesNode is not YamlSequenceNode seq) throw Invalid(source, seriesNode.Start.Line, "has 'series' that is not a list");
            foreach (var item in seq)
            {
                series.Add(ReadSeries(item, source));
            }
        }
        return new BlockSpec(minTime, maxTime, LabelNameRules.ValidateExternal(ext), series, sourceName);
    }

    private static SeriesSpec ReadSeries(YamlNode node, string source)
    {
        var m = Map(node, source, "a series spec", "labels", "targets", "type", "mintime", "maxtime", "jitter", "scrapeInterval", "changeInterval", "max", "min", "histogram");
        var labels = m.TryGetValue("labels", out var n) ? Labels(n, source, "series labels", "series label") : LabelSet.Empty;
        var targets = m.TryGetValue("targets", out n) ? Targets(n, source) : 0;
        var type = m.TryGetValue("type", out n) ? ParseType(Str(n, source, "type")) : SeriesType.Gauge;
        var min = m.TryGetValue("mintime", out n) ? Time(n, source, "mintime") : 0;
        var max = m.TryGetValue("maxtime", out n) ? Time(n, source, "maxtime") : 0;
        double D(string key) => m.TryGetValue(key, out var v) ? Double(v, source, key) : 0;
        TimeSpan T(string key) => m.TryGetValue(key, out var v) ? Duration(v, source, key) : TimeSpan.Zero;
        var c = new SeriesCharacteristics(D("min"), D("max"), D("jitter"), T("scrapeInterval"), T("changeInterval"));
        var histogram = m.TryGetValue("histogram", out n) ? ReadHistogram(n, source) : null;
        if (histogram is null && type is SeriesType.Histogram or SeriesType.FloatHistogram)
        {
            histogram = HistogramShape.Default;
        }
        var spec = new SeriesSpec(labels, targets, type, min, max, c, histogram);
        try
        {
            spec.Validate();
        }
        catch (ThanosLabException e)
        {
            throw Invalid(source, node.Start.Line, "has an invalid series spec: " + e.Message, e);
        }
        return spec;
    }

    // ThanosLab's extension: thanosbench has no native histograms, so its plans never hold this key.
    private static HistogramShape ReadHistogram(YamlNode node, string source)
    {
        var m = Map(node, source, "a series' histogram", "schema", "buckets", "zeroThreshold");
        var d = HistogramShape.Default;
        var schema = m.TryGetValue("schema", out var n) ? Long(n, source, "histogram.schema") : d.Schema;
        var buckets = m.TryGetValue("buckets", out n) ? Long(n, source, "histogram.buckets") : d.Buckets;
        var threshold = m.TryGetValue("zeroThreshold", out n) ? Double(n, source, "histogram.zeroThreshold") : d.ZeroThreshold;
        var shape = new HistogramShape((int)Math.Clamp(schema, int.MinValue, int.MaxValue), (int)Math.Clamp(buckets, int.MinValue, int.MaxValue), threshold);
        try
        {
            shape.Validate();
        }
        catch (ThanosLabException e)
        {
            // The clamp above keeps the cast safe; the message names the value as written.
            var message = schema != shape.Schema || buckets != shape.Buckets ? $"has histogram schema {schema} / buckets {buckets} out of range" : e.Message;
            throw Invalid(source, node.Start.Line, "has an invalid histogram: " + message, e);
        }
        return shape;
    }

    private static Dictionary<string, YamlNode> Map(YamlNode node, string source, string what, params string[] known) =>
        Format.Map(node, source, what, known);

    private static LabelSet Labels(YamlNode node, string source, string what, string labelWhat)
    {
        var m = new List<Label>();
        if (IsNull(node)) return LabelSet.Empty;
        if (node is not YamlMappingNode map) throw Invalid(source, node.Start.Line, $"has {what} that is not a mapping of names to values");
        foreach (var (k, v) in map.Children)
        {
            m.Add(new Label(Str(k, source, what), Str(v, source, what)));
        }
        try
        {
            return LabelSet.Create(m, labelWhat);
        }
        catch (ThanosLabException e)
        {
            throw Invalid(source, node.Start.Line, e.Message, e);
        }
    }

    private static bool IsNull(YamlNode n) => StrictYamlFormat.IsNull(n);

    private static string Str(YamlNode n, string source, string what) => Format.Str(n, source, what);

    private static long Long(YamlNode n, string source, string what)
    {
        var s = Str(n, source, what);
        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Invalid(source, n.Start.Line, $"has {what} '{s}' that is not a whole number");
    }

    private static long Time(YamlNode n, string source, string what)
    {
        var ms = Long(n, source, what);
        try
        {
            BlockSpec.ValidateTime(ms, what);
        }
        catch (ThanosLabException e)
        {
            throw Invalid(source, n.Start.Line, $"has {what} {ms} out of range: plan times are Unix milliseconds from {BlockSpec.EarliestTime} (0001-01-01) to {BlockSpec.LatestTime} (9999-12-31)", e);
        }
        return ms;
    }

    // The upper bound is checked here, before the cast to int: 5000000000 would otherwise wrap to a small count.
    private static int Targets(YamlNode n, string source)
    {
        var targets = Long(n, source, "targets");
        return targets is >= int.MinValue and <= SeriesSpec.MaxTargets
            ? (int)targets
            : throw Invalid(source, n.Start.Line, $"has targets {targets} out of range: a series spec has 1 to {SeriesSpec.MaxTargets:N0} targets, as -Targets accepts");
    }

    private static double Double(YamlNode n, string source, string what)
    {
        var s = Str(n, source, what);
        return s switch
        {
            ".inf" or "+.inf" => double.PositiveInfinity,
            "-.inf" => double.NegativeInfinity,
            ".nan" => double.NaN,
            _ => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw Invalid(source, n.Start.Line, $"has {what} '{s}' that is not a number"),
        };
    }

    private static TimeSpan Duration(YamlNode n, string source, string what)
    {
        var s = Str(n, source, what);
        if (GoDuration.TryParse(s, out var d, out var outOfRange)) return d;
        if (outOfRange) throw Invalid(source, n.Start.Line, $"has {what} '{s}' out of range: {GoDuration.RangeText}");
        // yaml.v2 decodes a bare integer into time.Duration as nanoseconds.
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ns)) return TimeSpan.FromTicks(ns / 100);
        throw Invalid(source, n.Start.Line, $"has {what} '{s}' that is not a Go duration such as 15s or 1h0m0s");
    }

    private static ThanosLabException Invalid(string source, long line, string message, Exception? inner = null) =>
        Format.Invalid(source, line, message, inner);
}
