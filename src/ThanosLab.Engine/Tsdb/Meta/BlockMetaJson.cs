using System.Text;
using System.Text.Json;
using ThanosLab.Engine.IO;
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

    // Deeper than any meta.json Prometheus or Thanos writes (rewrites and extensions included).
    private const int MaxDepth = 64;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    // The earliest and latest Unix milliseconds a DateTimeOffset holds (0001-01-01, 9999-12-31).
    private const long MinUnixMilliseconds = -62_135_596_800_000;
    private const long MaxUnixMilliseconds = 253_402_300_799_999;

    private const string AlwaysWritten = "Prometheus and Thanos always write it, and reading it as Go's zero value would misstate the block";

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

    /// <summary>
    /// Parses meta.json as strictly as Prometheus (<c>tsdb/block.go</c> readMetaFile) and Thanos
    /// (<c>pkg/block/metadata</c> Read) read it, so what either refuses is an error here, naming
    /// <paramref name="source"/> (a path or a bucket key) and the field; Go's type rules are in
    /// <see cref="GoJsonValue"/>. Stricter than Go where its zero value would silently change what a
    /// block is: ulid, minTime, maxTime, stats, compaction and its level, which every writer writes,
    /// must be present (missing stats read as an empty block that shippers skip); ULIDs must be valid
    /// (Go makes an undefined ULID of bad characters); times must lie in years 1 to 9999, counts below
    /// 2^63, file sizes non-negative with a sum below 2^63, and the downsampling resolution from 0 to
    /// what a TimeSpan holds: the ranges the block views can show (no real block comes near them);
    /// escaped text must be valid UTF-16 (Go would put U+FFFD).
    /// </summary>
    public static BlockMeta Parse(ReadOnlySpan<byte> json, string source)
    {
        if (json.Length > MaxBytes) throw Invalid(source, $"is {json.Length} bytes, more than the {MaxBytes} a meta.json may have");
        if (json.StartsWith(Utf8Bom)) throw Invalid(source, "starts with a UTF-8 byte order mark, which Go's JSON decoder (Prometheus, Thanos) refuses");
        try
        {
            // Go replaces invalid UTF-8 with U+FFFD instead of refusing it; decoding with replacement does the same.
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(json), new JsonDocumentOptions { MaxDepth = MaxDepth });
            var root = new GoJsonValue(doc.RootElement, "", (path, problem) => Invalid(source, $"is invalid at '{path}': {problem}"));
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Invalid(source, "is not a JSON object");
            return ParseMeta(root);
        }
        catch (JsonException e)
        {
            throw Invalid(source, $"is not valid JSON ({e.Message})", e);
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json cannot make a string of an escaped lone surrogate ("\ud800").
            throw Invalid(source, "has a \\u escape that is not valid UTF-16 text", e);
        }
    }

    /// <summary>Reads <paramref name="path"/> (only if it is a regular file, never past the size it has when opened) and parses it.</summary>
    public static BlockMeta ReadFile(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new ThanosLabException(ErrorKind.ObjectNotFound, "MetaJsonNotFound", $"'{path}' does not exist: a block directory needs a meta.json.", path);
        }
        return Parse(RegularFile.ReadAllBytes(full, System.IO.Path.GetDirectoryName(full)!, MaxBytes, what: "a meta.json"), path);
    }

    private static BlockMeta ParseMeta(GoJsonValue root)
    {
        var versionField = root.Require("version", "Prometheus and Thanos read only version 1");
        var version = versionField.Int64();
        if (version != BlockMeta.SupportedVersion)
        {
            throw versionField.Invalid($"version {version} is not 1, the only version Prometheus and Thanos read (Prometheus skips the block, Thanos refuses it)");
        }
        var ulid = ParseUlid(root.Require("ulid", AlwaysWritten));
        var minTime = Time(root.Require("minTime", AlwaysWritten));
        var maxTime = Time(root.Require("maxTime", AlwaysWritten));
        var st = root.Require("stats", AlwaysWritten + " (an empty block, which shippers skip)").Object("tsdb.BlockStats");
        // numFloatSamples and numHistogramSamples are Prometheus 3's split of numSamples: type-checked, not kept.
        Count(st.Get("numFloatSamples"));
        Count(st.Get("numHistogramSamples"));
        var stats = new BlockStats(Count(st.Get("numSamples")), Count(st.Get("numSeries")), Count(st.Get("numChunks")), Count(st.Get("numTombstones")));
        var co = root.Require("compaction", AlwaysWritten).Object("tsdb.BlockMetaCompaction");
        var levelField = co.Require("level", AlwaysWritten);
        var level = levelField.Int64();
        var compaction = new BlockCompaction(level is >= int.MinValue and <= int.MaxValue ? (int)level : throw levelField.Invalid($"level {level} is beyond any compaction level"),
            co.Get("sources")?.Array("[]ulid.ULID").Select(s => s is { } v ? ParseUlid(v) : default).ToArray() ?? System.Array.Empty<Ulid>())
        {
            Deletable = co.Get("deletable")?.Bool() ?? false,
            Failed = co.Get("failed")?.Bool() ?? false,
            Parents = co.Get("parents")?.Array("[]tsdb.BlockDesc").Select(Parent).ToArray() ?? System.Array.Empty<BlockDesc>(),
            Hints = Strings(co.Get("hints")),
        };
        var thanos = root.Get("thanos") is { } th ? ParseThanos(th.Object("metadata.Thanos")) : null;
        return new BlockMeta(ulid, minTime, maxTime, stats, compaction) { Version = (int)version, Thanos = thanos };
    }

    private const string ExternalLabel = "Thanos external label";

    private static BlockDesc Parent(GoJsonValue? parent)
    {
        if (parent is not { } p) return new BlockDesc(default, 0, 0);
        p = p.Object("tsdb.BlockDesc");
        return new BlockDesc(p.Get("ulid") is { } u ? ParseUlid(u) : default, p.Get("minTime")?.Int64() ?? 0, p.Get("maxTime")?.Int64() ?? 0);
    }

    private static ThanosMeta ParseThanos(GoJsonValue th)
    {
        var versionField = th.Get("version");
        var version = versionField?.Int64() ?? 0;
        if (version is not (0 or 1))
        {
            throw versionField!.Value.Invalid($"version {version} is not 1 (or 0, read as 1), the only Thanos section version Thanos reads");
        }
        var labelsField = th.Get("labels");
        var labels = new List<Label>();
        foreach (var (name, value) in labelsField?.Map("map[string]string") ?? System.Array.Empty<KeyValuePair<string, GoJsonValue?>>())
        {
            var label = new Label(name, value?.String() ?? "");
            try
            {
                LabelNameRules.Validate(label.Name, ExternalLabel);
                LabelNameRules.ValidateValue(label.Name, label.Value, ExternalLabel);
            }
            catch (ThanosLabException e)
            {
                throw labelsField!.Value.Invalid(e.Message.TrimEnd('.'), name);
            }
            labels.Add(label);
        }
        var labelSet = LabelSet.Create(labels, ExternalLabel);
        var resolutionField = th.Get("downsample")?.Object("metadata.ThanosDownsample").Get("resolution");
        var resolution = resolutionField?.Int64() ?? 0;
        if (resolution < 0 || resolution > (long)TimeSpan.MaxValue.TotalMilliseconds)
        {
            throw resolutionField!.Value.Invalid($"the downsampling resolution {resolution} ms is not a duration from 0 to {(long)TimeSpan.MaxValue.TotalMilliseconds} ms (raw blocks have 0, downsampled ones 300000 or 3600000)");
        }
        var filesField = th.Get("files");
        var files = filesField?.Array("[]metadata.File").Select(FileEntry).ToArray() ?? System.Array.Empty<ThanosFile>();
        if (files.Aggregate(0m, (sum, f) => sum + (f.SizeBytes ?? 0)) > long.MaxValue)
        {
            throw filesField!.Value.Invalid($"the file sizes add up to more than the {long.MaxValue} bytes any block can hold");
        }
        var indexStats = th.Get("index_stats") is { } ix ? ix.Object("metadata.IndexStats") : (GoJsonValue?)null;
        th.Get("extensions")?.CheckAny();
        return new ThanosMeta(labelSet, resolution, th.Get("source")?.String() ?? "")
        {
            Version = (int)version,
            SegmentFiles = Strings(th.Get("segment_files")),
            Files = files,
            RewritesJson = th.Get("rewrites") is { } rw ? CheckRewrites(rw) : null,
            IndexStats = indexStats is { } s ? (s.Get("series_max_size")?.Int64() ?? 0, s.Get("chunk_max_size")?.Int64() ?? 0) : null,
            ExtensionsJson = th.Get("extensions")?.RawText,
            UploadTime = th.Get("upload_time") is { } up ? UploadTime(up) : null,
        };
    }

    private static ThanosFile FileEntry(GoJsonValue? file)
    {
        if (file is not { } f) return new ThanosFile("", null);
        f = f.Object("metadata.File");
        var hash = f.Get("hash")?.Object("metadata.ObjectHash");
        var sizeField = f.Get("size_bytes");
        var size = sizeField?.Int64();
        if (size < 0) throw sizeField!.Value.Invalid($"{size} is a negative file size");
        return new ThanosFile(f.Get("rel_path")?.String() ?? "", size, hash?.Get("hashFunc")?.String(), hash?.Get("value")?.String());
    }

    /// <summary>
    /// Checks the types of <c>rewrites</c> (kept as raw JSON): sources, deletions_applied (matchers,
    /// intervals, request_id) and relabels_applied. Regular expressions and label names in relabel
    /// configs are not checked against Prometheus' own rules.
    /// </summary>
    private static string CheckRewrites(GoJsonValue rewrites)
    {
        foreach (var r in rewrites.Array("[]metadata.Rewrite"))
        {
            if (r is not { } rewrite) continue;
            rewrite = rewrite.Object("metadata.Rewrite");
            foreach (var s in rewrite.Get("sources")?.Array("[]ulid.ULID") ?? []) if (s is { } v) ParseUlid(v);
            foreach (var d in rewrite.Get("deletions_applied")?.Array("[]metadata.DeletionRequest") ?? [])
            {
                if (d is not { } deletion) continue;
                deletion = deletion.Object("metadata.DeletionRequest");
                foreach (var m in deletion.Get("matchers")?.Array("[]*labels.Matcher") ?? [])
                {
                    if (m is not { } matcher) continue;
                    matcher = matcher.Object("labels.Matcher");
                    matcher.Get("Type")?.Int64();
                    matcher.Get("Name")?.String();
                    matcher.Get("Value")?.String();
                }
                foreach (var i in deletion.Get("intervals")?.Array("tombstones.Intervals") ?? [])
                {
                    if (i is not { } interval) continue;
                    interval = interval.Object("tombstones.Interval");
                    interval.Get("Mint")?.Int64();
                    interval.Get("Maxt")?.Int64();
                }
                deletion.Get("request_id")?.String();
            }
            foreach (var c in rewrite.Get("relabels_applied")?.Array("[]*relabel.Config") ?? [])
            {
                if (c is not { } config) continue;
                config = config.Object("relabel.Config");
                Strings(config.Get("source_labels"));
                foreach (var name in new[] { "separator", "regex", "target_label", "replacement", "action" }) config.Get(name)?.String();
                config.Get("modulus")?.UInt64();
            }
        }
        return rewrites.RawText;
    }

    private static Ulid ParseUlid(GoJsonValue value)
    {
        var text = value.String();
        return BlockUlid.TryParse(text, out var u) ? u : throw value.Invalid($"'{Truncate(text)}' is not a ULID (26 characters of Crockford base32, the first 0 to 7)");
    }

    private static long Time(GoJsonValue value)
    {
        var t = value.Int64();
        return t is >= MinUnixMilliseconds and <= MaxUnixMilliseconds
            ? t
            : throw value.Invalid($"{t} ms is outside the years 1 to 9999 ({MinUnixMilliseconds} to {MaxUnixMilliseconds} ms since 1970), which no real block reaches and a date cannot show");
    }

    private static ulong Count(GoJsonValue? value)
    {
        if (value is not { } v) return 0;
        var n = v.UInt64();
        return n <= long.MaxValue ? n : throw v.Invalid($"{n} is more than the {long.MaxValue} any block can hold");
    }

    private static string[] Strings(GoJsonValue? value) =>
        value?.Array("[]string").Select(s => s?.String() ?? "").ToArray() ?? System.Array.Empty<string>();

    /// <summary>
    /// <c>upload_time</c> as Go's <c>time.Time</c> reads it: the raw text between the quotes in RFC 3339
    /// (as <c>time.Parse(time.RFC3339, …)</c> accepts it: fractional seconds after '.' or ',', a one- or
    /// two-digit hour, 'Z' or a ±hh:mm offset).
    /// </summary>
    private static string UploadTime(GoJsonValue value)
    {
        var raw = value.RawString();
        return GoRfc3339.IsValid(raw)
            ? value.String()
            : throw value.Invalid($"'{Truncate(raw)}' is not an RFC 3339 time (2024-01-01T03:00:00.5Z), which Thanos refuses");
    }

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private static ThanosLabException Invalid(string source, string message, Exception? inner = null) =>
        new(ErrorKind.InvalidData, "InvalidBlockMeta", $"The meta.json {source} {message}.", source,
            "Regenerate or re-download the block; a meta.json that Prometheus or Thanos refuses hides the block from them.", inner);
}
