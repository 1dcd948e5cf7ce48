using System.Text;
using System.Text.Json.Nodes;
using ThanosLab.Engine;
using ThanosLab.Engine.Tsdb.Meta;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

/// <summary>
/// meta.json read as strictly as Prometheus (tsdb/block.go readMetaFile) and Thanos
/// (pkg/block/metadata Read) read it with Go's encoding/json: every field of a complete meta.json is
/// given each JSON type in turn; what Go would refuse must be an InvalidBlockMeta error naming the
/// field's path, and what Go takes must be read.
/// </summary>
public class BlockMetaJsonTypeTests
{
    // Every field Prometheus 2.42 / 3.x and Thanos 0.4x read, each with a valid value.
    private const string Complete = """
        {
          "ulid": "01HK2M7J3QW8D5T1X0ZC9B6N4E",
          "minTime": 1704067215001,
          "maxTime": 1704074400002,
          "stats": { "numSamples": 2400, "numFloatSamples": 2400, "numHistogramSamples": 0, "numSeries": 5, "numChunks": 25, "numTombstones": 0 },
          "compaction": {
            "level": 1,
            "sources": [ "01HK2M7J3QW8D5T1X0ZC9B6N4E" ],
            "deletable": false,
            "parents": [ { "ulid": "01HK2M7J3QW8D5T1X0ZC9B6N4E", "minTime": 1, "maxTime": 2 } ],
            "failed": false,
            "hints": [ "from-out-of-order" ]
          },
          "version": 1,
          "thanos": {
            "version": 1,
            "labels": { "cluster": "one" },
            "downsample": { "resolution": 0 },
            "source": "bucket.upload",
            "segment_files": [ "000001" ],
            "files": [ { "rel_path": "index", "size_bytes": 932, "hash": { "hashFunc": "SHA256", "value": "ab" } } ],
            "rewrites": [ {
              "sources": [ "01HK2M7J3QW8D5T1X0ZC9B6N4E" ],
              "deletions_applied": [ {
                "matchers": [ { "Type": 0, "Name": "a", "Value": "b" } ],
                "intervals": [ { "Mint": 1, "Maxt": 2 } ],
                "request_id": "r"
              } ],
              "relabels_applied": [ { "source_labels": [ "a" ], "separator": ";", "regex": "(.*)", "modulus": 1, "target_label": "b", "replacement": "$1", "action": "replace" } ]
            } ],
            "index_stats": { "series_max_size": 10, "chunk_max_size": 20 },
            "extensions": { "any": [ 1, "x", true, null, { "deep": 1.5 } ] },
            "upload_time": "2024-01-01T03:00:00.5Z"
          }
        }
        """;

    private enum GoType { Int64, NonNegativeInt64, UInt64, Level, Version, ThanosVersion, Bool, String, LabelValue, Ulid, Time, UploadTime, Array, Object, Map, Any }

    private static readonly (string Path, GoType Type, bool Required)[] Fields =
    {
        ("ulid", GoType.Ulid, true),
        ("minTime", GoType.Time, true),
        ("maxTime", GoType.Time, true),
        ("stats", GoType.Object, true),
        ("stats.numSamples", GoType.UInt64, false),
        ("stats.numFloatSamples", GoType.UInt64, false),
        ("stats.numHistogramSamples", GoType.UInt64, false),
        ("stats.numSeries", GoType.UInt64, false),
        ("stats.numChunks", GoType.UInt64, false),
        ("stats.numTombstones", GoType.UInt64, false),
        ("compaction", GoType.Object, true),
        ("compaction.level", GoType.Level, true),
        ("compaction.sources", GoType.Array, false),
        ("compaction.sources[0]", GoType.Ulid, false),
        ("compaction.deletable", GoType.Bool, false),
        ("compaction.parents", GoType.Array, false),
        ("compaction.parents[0]", GoType.Object, false),
        ("compaction.parents[0].ulid", GoType.Ulid, false),
        ("compaction.parents[0].minTime", GoType.Int64, false),
        ("compaction.parents[0].maxTime", GoType.Int64, false),
        ("compaction.failed", GoType.Bool, false),
        ("compaction.hints", GoType.Array, false),
        ("compaction.hints[0]", GoType.String, false),
        ("version", GoType.Version, true),
        ("thanos", GoType.Object, false),
        ("thanos.version", GoType.ThanosVersion, false),
        ("thanos.labels", GoType.Map, false),
        ("thanos.labels.cluster", GoType.LabelValue, false),
        ("thanos.downsample", GoType.Object, false),
        ("thanos.downsample.resolution", GoType.NonNegativeInt64, false),
        ("thanos.source", GoType.String, false),
        ("thanos.segment_files", GoType.Array, false),
        ("thanos.segment_files[0]", GoType.String, false),
        ("thanos.files", GoType.Array, false),
        ("thanos.files[0]", GoType.Object, false),
        ("thanos.files[0].rel_path", GoType.String, false),
        ("thanos.files[0].size_bytes", GoType.NonNegativeInt64, false),
        ("thanos.files[0].hash", GoType.Object, false),
        ("thanos.files[0].hash.hashFunc", GoType.String, false),
        ("thanos.files[0].hash.value", GoType.String, false),
        ("thanos.rewrites", GoType.Array, false),
        ("thanos.rewrites[0]", GoType.Object, false),
        ("thanos.rewrites[0].sources", GoType.Array, false),
        ("thanos.rewrites[0].sources[0]", GoType.Ulid, false),
        ("thanos.rewrites[0].deletions_applied", GoType.Array, false),
        ("thanos.rewrites[0].deletions_applied[0]", GoType.Object, false),
        ("thanos.rewrites[0].deletions_applied[0].matchers", GoType.Array, false),
        ("thanos.rewrites[0].deletions_applied[0].matchers[0]", GoType.Object, false),
        ("thanos.rewrites[0].deletions_applied[0].matchers[0].Type", GoType.Int64, false),
        ("thanos.rewrites[0].deletions_applied[0].matchers[0].Name", GoType.String, false),
        ("thanos.rewrites[0].deletions_applied[0].matchers[0].Value", GoType.String, false),
        ("thanos.rewrites[0].deletions_applied[0].intervals", GoType.Array, false),
        ("thanos.rewrites[0].deletions_applied[0].intervals[0]", GoType.Object, false),
        ("thanos.rewrites[0].deletions_applied[0].intervals[0].Mint", GoType.Int64, false),
        ("thanos.rewrites[0].deletions_applied[0].intervals[0].Maxt", GoType.Int64, false),
        ("thanos.rewrites[0].deletions_applied[0].request_id", GoType.String, false),
        ("thanos.rewrites[0].relabels_applied", GoType.Array, false),
        ("thanos.rewrites[0].relabels_applied[0]", GoType.Object, false),
        ("thanos.rewrites[0].relabels_applied[0].source_labels", GoType.Array, false),
        ("thanos.rewrites[0].relabels_applied[0].source_labels[0]", GoType.String, false),
        ("thanos.rewrites[0].relabels_applied[0].separator", GoType.String, false),
        ("thanos.rewrites[0].relabels_applied[0].regex", GoType.String, false),
        ("thanos.rewrites[0].relabels_applied[0].modulus", GoType.UInt64, false),
        ("thanos.rewrites[0].relabels_applied[0].target_label", GoType.String, false),
        ("thanos.rewrites[0].relabels_applied[0].replacement", GoType.String, false),
        ("thanos.rewrites[0].relabels_applied[0].action", GoType.String, false),
        ("thanos.index_stats", GoType.Object, false),
        ("thanos.index_stats.series_max_size", GoType.Int64, false),
        ("thanos.index_stats.chunk_max_size", GoType.Int64, false),
        ("thanos.extensions", GoType.Any, false),
        ("thanos.upload_time", GoType.UploadTime, false),
    };

    // Each JSON type once, plus the number shapes Go's integer decoding refuses or takes.
    private static readonly string[] Values = { "\"x\"", "7", "-1", "1.5", "1e3", "18446744073709551616", "true", "[]", "{}", "null" };

    private static bool GoAccepts(GoType type, bool required, string value)
    {
        if (value == "null") return !required && type != GoType.LabelValue;
        return type switch
        {
            GoType.Int64 => value is "7" or "-1",
            GoType.NonNegativeInt64 or GoType.UInt64 => value == "7",
            GoType.Level => value is "7" or "-1",
            GoType.Version => false, // only 1
            GoType.ThanosVersion => false, // only 0 or 1
            GoType.Bool => value == "true",
            GoType.String or GoType.LabelValue => value == "\"x\"",
            GoType.Time => value is "7" or "-1",
            GoType.Ulid or GoType.UploadTime => false, // "x" is neither a ULID nor an RFC 3339 time
            GoType.Array => value == "[]",
            GoType.Object => value == "{}",
            GoType.Map => value == "{}",
            GoType.Any => true,
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }

    public static TheoryData<string> FieldPaths()
    {
        var data = new TheoryData<string>();
        foreach (var f in Fields) data.Add(f.Path);
        return data;
    }

    [Fact]
    public void TheCompleteMetaIsRead()
    {
        var meta = BlockMetaJson.Parse(Encoding.UTF8.GetBytes(Complete), "'complete/meta.json'");
        Assert.Equal(2400UL, meta.Stats.NumSamples);
        Assert.Equal("2024-01-01T03:00:00.5Z", meta.Thanos!.UploadTime);
        Assert.Equal(932, meta.Thanos.Files.Single().SizeBytes);
    }

    [Theory]
    [MemberData(nameof(FieldPaths))]
    public void EveryJsonTypeIsReadAsGoReadsIt(string path)
    {
        var (_, type, required) = Fields.Single(f => f.Path == path);
        var wrong = new List<string>();
        foreach (var value in Values)
        {
            var json = With(path, value);
            ThanosLabException? error = null;
            try
            {
                BlockMetaJson.Parse(Encoding.UTF8.GetBytes(json), "'b/meta.json'");
            }
            catch (ThanosLabException e)
            {
                error = e;
            }
            // An empty compaction lacks the level every writer writes.
            var accepts = GoAccepts(type, required, value) && !(path == "compaction" && value == "{}");
            if (accepts && error is not null)
            {
                wrong.Add($"{value}: refused, Go takes it: {error.Message}");
            }
            else if (!accepts && error is null)
            {
                wrong.Add($"{value}: read, Go refuses it");
            }
            else if (error is not null && (error.ErrorId != "InvalidBlockMeta" || !error.Message.Contains($"'{path}", StringComparison.Ordinal) || !error.Message.Contains("b/meta.json", StringComparison.Ordinal)))
            {
                wrong.Add($"{value}: error {error.ErrorId} does not name the file and '{path}': {error.Message}");
            }
        }
        Assert.True(wrong.Count == 0, $"{path} ({type}):\n{string.Join("\n", wrong)}");
    }

    [Theory]
    // The meta.json files of issues 11 and 12, each refused naming the field.
    [InlineData("stats", "[]", "stats")]
    [InlineData("thanos", "\"abc\"", "thanos")]
    [InlineData("thanos.segment_files", "{\"a\":1}", "thanos.segment_files")]
    [InlineData("thanos.files", "[1,2]", "thanos.files[0]")]
    [InlineData("maxTime", "9223372036854775800", "maxTime")]
    [InlineData("minTime", "-9223372036854775808", "minTime")]
    [InlineData("stats.numSamples", "18446744073709551615", "stats.numSamples")]
    [InlineData("thanos.downsample.resolution", "9223372036854775807", "thanos.downsample.resolution")]
    [InlineData("thanos.files", "[{\"rel_path\":\"index\",\"size_bytes\":9223372036854775807},{\"rel_path\":\"chunks/000001\",\"size_bytes\":1}]", "thanos.files")]
    public void TheReportedFilesAreErrorsNamingTheField(string path, string value, string named)
    {
        var e = Assert.Throws<ThanosLabException>(() => BlockMetaJson.Parse(Encoding.UTF8.GetBytes(With(path, value)), "'b/meta.json'"));
        Assert.Equal("InvalidBlockMeta", e.ErrorId);
        Assert.Contains($"'{named}'", e.Message);
        Assert.Contains("b/meta.json", e.Message);
    }

    [Theory]
    [InlineData("stats")]
    [InlineData("compaction")]
    [InlineData("compaction.level")]
    [InlineData("ulid")]
    [InlineData("version")]
    public void AFieldEveryWriterWritesMustBeThere(string path)
    {
        var e = Assert.Throws<ThanosLabException>(() => BlockMetaJson.Parse(Encoding.UTF8.GetBytes(Without(path)), "'b/meta.json'"));
        Assert.Contains($"'{path}': the field is missing", e.Message);
    }

    [Theory]
    // Go's decoder: keys match case-insensitively, the last duplicate wins, unknown keys are ignored.
    [InlineData("{\"ULID\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"MinTime\":1,\"maxtime\":2,\"stats\":{\"NUMSAMPLES\":3},\"compaction\":{\"level\":1},\"version\":1,\"extra\":[]}", 3UL)]
    [InlineData("{\"ulid\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"minTime\":1,\"maxTime\":2,\"stats\":{\"numSamples\":3,\"numSamples\":4},\"compaction\":{\"level\":1},\"version\":1}", 4UL)]
    [InlineData("{\"ulid\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"minTime\":1,\"maxTime\":2,\"stats\":{\"num\u017Famples\":5},\"compaction\":{\"level\":1},\"version\":1}", 5UL)]
    public void KeysMatchAsInGo(string json, ulong samples)
    {
        Assert.Equal(samples, BlockMetaJson.Parse(Encoding.UTF8.GetBytes(json), "t").Stats.NumSamples);
    }

    [Theory]
    // What Go's decoder refuses around the values: trailing data, a byte order mark, an extension number beyond float64.
    [InlineData("{\"ulid\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"minTime\":1,\"maxTime\":2,\"stats\":{},\"compaction\":{\"level\":1},\"version\":1} {}", "not valid JSON")]
    [InlineData("\uFEFF{}", "byte order mark")]
    [InlineData("{\"ulid\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"minTime\":1,\"maxTime\":2,\"stats\":{},\"compaction\":{\"level\":1},\"version\":1,\"thanos\":{\"extensions\":[1e400]}}", "'thanos.extensions[0]'")]
    [InlineData("{\"ulid\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"minTime\":1,\"maxTime\":2,\"stats\":{},\"compaction\":{\"level\":1},\"version\":1,\"thanos\":{\"upload_time\":\"2024-02-30T00:00:00Z\"}}", "'thanos.upload_time'")]
    [InlineData("{\"ulid\":\"01HK2M7J3QW8D5T1X0ZC9B6N4E\",\"minTime\":1,\"maxTime\":2,\"stats\":{},\"compaction\":{\"level\":1},\"version\":1,\"thanos\":{\"version\":2}}", "'thanos.version'")]
    public void WhatGoRefusesAroundTheValuesIsRefused(string json, string mention)
    {
        var e = Assert.Throws<ThanosLabException>(() => BlockMetaJson.Parse(Encoding.UTF8.GetBytes(json), "'b/meta.json'"));
        Assert.Contains(mention, e.Message);
    }

    [Theory]
    [InlineData("2024-01-01T03:00:00Z", true)]
    [InlineData("2024-01-01T03:00:00.123456789+02:00", true)]
    [InlineData("2024-01-01T3:00:00,5Z", true)]
    [InlineData("2024-02-29T00:00:00Z", true)]
    [InlineData("2023-02-29T00:00:00Z", false)]
    [InlineData("2024-01-01t03:00:00Z", false)]
    [InlineData("2024-01-01T24:00:00Z", false)]
    [InlineData("2024-01-01T03:00:00", false)]
    [InlineData("2024-01-01T03:00:00+2:00", false)]
    [InlineData("2024-01-01 03:00:00Z", false)]
    public void UploadTimeIsRfc3339AsGoParsesIt(string time, bool valid)
    {
        Assert.Equal(valid, ThanosLab.Engine.Json.GoRfc3339.IsValid(time));
    }

    private static string With(string path, string value)
    {
        var root = JsonNode.Parse(Complete)!;
        var (parent, key, index) = Locate(root, path);
        var node = JsonNode.Parse(value);
        if (index is { } i) parent.AsArray()[i] = node;
        else parent.AsObject()[key!] = node;
        return root.ToJsonString();
    }

    private static string Without(string path)
    {
        var root = JsonNode.Parse(Complete)!;
        var (parent, key, _) = Locate(root, path);
        parent.AsObject().Remove(key!);
        return root.ToJsonString();
    }

    private static (JsonNode Parent, string? Key, int? Index) Locate(JsonNode root, string path)
    {
        var steps = new List<(string? Key, int? Index)>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            steps.Add((bracket < 0 ? part : part[..bracket], null));
            if (bracket >= 0) steps.Add((null, int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)));
        }
        var node = root;
        for (var s = 0; s < steps.Count - 1; s++)
        {
            node = steps[s].Index is { } i ? node.AsArray()[i]! : node.AsObject()[steps[s].Key!]!;
        }
        return (node, steps[^1].Key, steps[^1].Index);
    }
}
