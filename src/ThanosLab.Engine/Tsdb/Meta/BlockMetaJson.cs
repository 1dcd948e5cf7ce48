using System.Text;
using System.Text.Json;
using ThanosLab.Engine.Json;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Tsdb.Meta;

/// <summary>
/// Reads and writes meta.json exactly as Prometheus (no trailing newline) and Thanos (with one)
/// write it (formats.md §3, §9). Reading treats the input as untrusted: size-bounded and validated.
/// </summary>
public static class BlockMetaJson
{
    public const string FileName = "meta.json";

    /// <summary>Larger than any real meta.json (a huge compacted block lists a few thousand sources).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>Prometheus' form: tab-indented, no trailing newline; with a Thanos section when set.</summary>
    public static string ToPrometheusJson(BlockMeta meta) => Write(meta);

    /// <summary>Thanos' form: as Prometheus' plus a trailing newline (Thanos writes with a JSON encoder).</summary>
    public static string ToThanosJson(BlockMeta meta) => Write(meta) + "\n";

    private static string Write(BlockMeta meta)
    {
        var w = new GoJsonWriter();
        w.StartObject()
            .String("ulid", meta.Ulid.ToString())
            .Number("minTime", meta.MinTime)
            .Number("maxTime", meta.MaxTime)
            .StartObject("stats");
        if (meta.Stats.NumSamples != 0) w.Number("numSamples", meta.Stats.NumSamples);
        if (meta.Stats.NumSeries != 0) w.Number("numSeries", meta.Stats.NumSeries);
        if (meta.Stats.NumChunks != 0) w.Number("numChunks", meta.Stats.NumChunks);
        if (meta.Stats.NumTombstones != 0) w.Number("numTombstones", meta.Stats.NumTombstones);
        w.EndObject();

        var c = meta.Compaction;
        w.StartObject("compaction").Number("level", c.Level);
        if (c.Sources.Count > 0)
        {
            w.StartArray("sources");
            foreach (var s in c.Sources) w.String(null, s.ToString());
            w.EndArray();
        }
        if (c.Deletable) w.Bool("deletable", true);
        if (c.Parents.Count > 0)
        {
            w.StartArray("parents");
            foreach (var p in c.Parents)
            {
                w.StartObject().String("ulid", p.Ulid.ToString()).Number("minTime", p.MinTime).Number("maxTime", p.MaxTime).EndObject();
            }
            w.EndArray();
        }
        if (c.Failed) w.Bool("failed", true);
        if (c.Hints.Count > 0)
        {
            w.StartArray("hints");
            foreach (var h in c.Hints) w.String(null, h);
            w.EndArray();
        }
        w.EndObject();
        w.Number("version", meta.Version);
        if (meta.Thanos is { } t) WriteThanos(w, t);
        w.EndObject();
        return w.ToString();
    }

    private static void WriteThanos(GoJsonWriter w, ThanosMeta t)
    {
        w.StartObject("thanos");
        if (t.Version != 0) w.Number("version", t.Version);
        w.StartObject("labels");
        foreach (var l in t.Labels) w.String(l.Name, l.Value);
        w.EndObject();
        w.StartObject("downsample").Number("resolution", t.DownsampleResolution).EndObject();
        w.String("source", t.Source);
        if (t.SegmentFiles.Count > 0)
        {
            w.StartArray("segment_files");
            foreach (var f in t.SegmentFiles) w.String(null, f);
            w.EndArray();
        }
        if (t.Files.Count > 0)
        {
            w.StartArray("files");
            foreach (var f in t.Files.OrderBy(f => f.RelPath, StringComparer.Ordinal))
            {
                w.StartObject().String("rel_path", f.RelPath);
                if (f.SizeBytes is { } size && size != 0) w.Number("size_bytes", size);
                if (f.HashFunc is not null && f.HashValue is not null)
                {
                    w.StartObject("hash").String("hashFunc", f.HashFunc).String("value", f.HashValue).EndObject();
                }
                w.EndObject();
            }
            w.EndArray();
        }
        if (t.RewritesJson is { } rewrites) w.Raw("rewrites", rewrites);
        if (t.IndexStats is { } stats)
        {
            w.StartObject("index_stats");
            if (stats.SeriesMaxSize != 0) w.Number("series_max_size", stats.SeriesMaxSize);
            if (stats.ChunkMaxSize != 0) w.Number("chunk_max_size", stats.ChunkMaxSize);
            w.EndObject();
        }
        if (t.ExtensionsJson is { } ext) w.Raw("extensions", ext);
        if (t.UploadTime is { } up) w.String("upload_time", up);
        w.EndObject();
    }

    /// <summary>Parses meta.json; <paramref name="source"/> names it in errors (a path or a bucket key).</summary>
    public static BlockMeta Parse(ReadOnlySpan<byte> json, string source)
    {
        if (json.Length > MaxBytes) throw Invalid(source, $"is {json.Length} bytes, more than the {MaxBytes} a meta.json may have");
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Invalid(source, "is not a JSON object");
            var version = Int(root, "version", source, required: true);
            if (version != BlockMeta.SupportedVersion)
            {
                throw Invalid(source, $"has version {version}; only version 1 is a valid block (Prometheus skips others)");
            }
            var ulid = ParseUlid(Str(root, "ulid", source, required: true)!, source, "ulid");
            var minTime = Long(root, "minTime", source, required: true);
            var maxTime = Long(root, "maxTime", source, required: true);
            var stats = new BlockStats(0, 0, 0);
            if (root.TryGetProperty("stats", out var st) && st.ValueKind == JsonValueKind.Object)
            {
                stats = new BlockStats(ULong(st, "numSamples", source), ULong(st, "numSeries", source), ULong(st, "numChunks", source), ULong(st, "numTombstones", source));
            }
            var compaction = new BlockCompaction(1, Array.Empty<Ulid>());
            if (root.TryGetProperty("compaction", out var co) && co.ValueKind == JsonValueKind.Object)
            {
                compaction = new BlockCompaction(Int(co, "level", source), UlidArray(co, "sources", source))
                {
                    Deletable = Bool(co, "deletable"),
                    Failed = Bool(co, "failed"),
                    Parents = co.TryGetProperty("parents", out var ps) && ps.ValueKind == JsonValueKind.Array
                        ? ps.EnumerateArray().Select(p => new BlockDesc(ParseUlid(Str(p, "ulid", source, true)!, source, "compaction.parents"), Long(p, "minTime", source), Long(p, "maxTime", source))).ToArray()
                        : Array.Empty<BlockDesc>(),
                    Hints = StrArray(co, "hints"),
                };
            }
            ThanosMeta? thanos = null;
            if (root.TryGetProperty("thanos", out var th) && th.ValueKind == JsonValueKind.Object)
            {
                thanos = ParseThanos(th, source);
            }
            return new BlockMeta(ulid, minTime, maxTime, stats, compaction) { Version = version, Thanos = thanos };
        }
        catch (JsonException e)
        {
            throw Invalid(source, $"is not valid JSON ({e.Message})", e);
        }
    }

    public static BlockMeta ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new ThanosLabException(ErrorKind.ObjectNotFound, "MetaJsonNotFound", $"'{path}' does not exist: a block directory needs a meta.json.", path);
        if (info.Length > MaxBytes) throw Invalid(path, $"is {info.Length} bytes, more than the {MaxBytes} a meta.json may have");
        return Parse(File.ReadAllBytes(path), path);
    }

    private static ThanosMeta ParseThanos(JsonElement th, string source)
    {
        var labels = new List<Label>();
        if (th.TryGetProperty("labels", out var ls) && ls.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in ls.EnumerateObject())
            {
                labels.Add(new Label(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw Invalid(source, $"has a non-string value for thanos label '{p.Name}'")));
            }
        }
        LabelSet labelSet;
        try
        {
            labelSet = LabelSet.Create(labels, "Thanos external label");
        }
        catch (ThanosLabException e)
        {
            throw Invalid(source, "has invalid thanos.labels: " + e.Message, e);
        }
        long resolution = 0;
        if (th.TryGetProperty("downsample", out var ds) && ds.ValueKind == JsonValueKind.Object) resolution = Long(ds, "resolution", source);
        var files = new List<ThanosFile>();
        if (th.TryGetProperty("files", out var fs) && fs.ValueKind == JsonValueKind.Array)
        {
            foreach (var f in fs.EnumerateArray())
            {
                string? func = null, value = null;
                if (f.TryGetProperty("hash", out var h) && h.ValueKind == JsonValueKind.Object)
                {
                    func = Str(h, "hashFunc", source);
                    value = Str(h, "value", source);
                }
                long? size = f.TryGetProperty("size_bytes", out var sb) ? sb.GetInt64() : null;
                files.Add(new ThanosFile(Str(f, "rel_path", source, true)!, size, func, value));
            }
        }
        (long, long)? indexStats = null;
        if (th.TryGetProperty("index_stats", out var ix) && ix.ValueKind == JsonValueKind.Object)
        {
            indexStats = (Long(ix, "series_max_size", source), Long(ix, "chunk_max_size", source));
        }
        return new ThanosMeta(labelSet, resolution, Str(th, "source", source) ?? "")
        {
            Version = Int(th, "version", source),
            SegmentFiles = StrArray(th, "segment_files"),
            Files = files,
            RewritesJson = th.TryGetProperty("rewrites", out var rw) && rw.ValueKind != JsonValueKind.Null ? rw.GetRawText() : null,
            IndexStats = indexStats,
            ExtensionsJson = th.TryGetProperty("extensions", out var ex) && ex.ValueKind != JsonValueKind.Null ? ex.GetRawText() : null,
            UploadTime = Str(th, "upload_time", source),
        };
    }

    private static Ulid ParseUlid(string text, string source, string what) =>
        BlockUlid.TryParse(text, out var u)
            ? u
            : throw Invalid(source, $"has {what} '{Truncate(text)}' that is not a ULID");

    private static Ulid[] UlidArray(JsonElement e, string name, string source) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(x => ParseUlid(x.GetString() ?? "", source, "compaction." + name)).ToArray()
            : Array.Empty<Ulid>();

    private static string[] StrArray(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
            : Array.Empty<string>();

    private static string? Str(JsonElement e, string name, string source, bool required = false)
    {
        if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString();
        if (required) throw Invalid(source, $"has no string '{name}'");
        return null;
    }

    private static long Long(JsonElement e, string name, string source, bool required = false)
    {
        if (e.TryGetProperty(name, out var v))
        {
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l)) return l;
            throw Invalid(source, $"has '{name}' that is not a whole number");
        }
        if (required) throw Invalid(source, $"has no '{name}'");
        return 0;
    }

    private static int Int(JsonElement e, string name, string source, bool required = false)
    {
        var l = Long(e, name, source, required);
        return l is >= int.MinValue and <= int.MaxValue ? (int)l : throw Invalid(source, $"has '{name}' out of range");
    }

    private static ulong ULong(JsonElement e, string name, string source)
    {
        if (!e.TryGetProperty(name, out var v)) return 0;
        return v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out var u) ? u : throw Invalid(source, $"has stats '{name}' that is not a non-negative whole number");
    }

    private static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private static ThanosLabException Invalid(string source, string message, Exception? inner = null) =>
        new(ErrorKind.InvalidData, "InvalidBlockMeta", $"The meta.json {source} {message}.", source, null, inner);
}
