using System.Text.Json;
using ThanosLab.Engine.Json;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// A marker object beside a block in the bucket (formats.md §10): <c>deletion-mark.json</c>,
/// <c>no-compact-mark.json</c> or <c>no-downsample-mark.json</c>, compact Go JSON, no trailing newline, fields in Thanos' struct order.
/// </summary>
public sealed record BlockMark(BlockMarkKind Kind, string Id, DateTimeOffset Time)
{
    public const int SupportedVersion = 1;
    public const string DeletionFileName = "deletion-mark.json";
    public const string NoCompactFileName = "no-compact-mark.json";

    public const string NoDownsampleFileName = "no-downsample-mark.json";
    public const string ManualReason = "manual";

    /// <summary>Reasons Thanos knows for a no-compact mark; a person marking a block uses <c>manual</c>.</summary>
    public static readonly IReadOnlyList<string> NoCompactReasons =
        new[] { ManualReason, "index-size-exceeding", "block-index-out-of-order-chunk", "downsample-vertical-compaction" };

    // A marker is a few hundred bytes; anything much larger is not one.
    public const int MaxBytes = 64 * 1024;

    public int Version { get; init; } = SupportedVersion;

    /// <summary>Free text for people; omitted from the JSON when empty.</summary>
    public string Details { get; init; } = "";

    /// <summary>Why the block is excluded from compaction or downsampling (no-compact and no-downsample marks; Thanos knows only <c>manual</c> for the latter).</summary>
    public string Reason { get; init; } = ManualReason;

    public string FileName => FileNameOf(Kind);

    /// <summary>The marker's key relative to the bucket prefix: <c>&lt;ULID&gt;/deletion-mark.json</c>.</summary>
    public string Key => KeyOf(Id, Kind);

    public static string FileNameOf(BlockMarkKind kind) => kind switch
    {
        BlockMarkKind.Deletion => DeletionFileName,
        BlockMarkKind.NoCompact => NoCompactFileName,
        _ => NoDownsampleFileName,
    };

    /// <summary>The JSON field that holds the marking time (Thanos' struct tags).</summary>
    private static string TimeFieldOf(BlockMarkKind kind) => kind switch
    {
        BlockMarkKind.Deletion => "deletion_time",
        BlockMarkKind.NoCompact => "no_compact_time",
        _ => "no_downsample_time",
    };

    public static string KeyOf(string id, BlockMarkKind kind) => id + "/" + FileNameOf(kind);

    /// <summary>A new mark stamped now (to the second, as Thanos stores it); validates the id and reason.</summary>
    public static BlockMark Create(BlockMarkKind kind, string id, DateTimeOffset now, string? details = null, string? reason = null)
    {
        id = BlockUlid.RequireId(id);
        if (kind == BlockMarkKind.NoCompact && reason is not null && !NoCompactReasons.Contains(reason, StringComparer.Ordinal))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidNoCompactReason",
                $"'{reason}' is not a no-compact reason Thanos knows; accepted: {string.Join(", ", NoCompactReasons)}.", reason);
        }
        if (kind == BlockMarkKind.NoDownsample && reason is not null && reason != ManualReason)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidNoDownsampleReason",
                $"'{reason}' is not a no-downsample reason Thanos knows; accepted: {ManualReason}.", reason);
        }
        if (kind == BlockMarkKind.Deletion && reason is not null)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "ReasonOnDeletionMark",
                "A deletion mark has no reason field; use the details to say why, or mark with the NoCompact kind.", reason);
        }
        return new BlockMark(kind, id, DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()))
        {
            Details = details ?? "",
            Reason = reason ?? ManualReason,
        };
    }

    public string ToJson()
    {
        var w = new GoJsonWriter(indent: false);
        w.StartObject().String("id", Id).Number("version", Version);
        if (Details.Length > 0) w.String("details", Details);
        w.Number(TimeFieldOf(Kind), Time.ToUnixTimeSeconds());
        if (Kind != BlockMarkKind.Deletion) w.String("reason", Reason);
        return w.EndObject().ToString();
    }

    /// <summary>Reads a marker; <paramref name="source"/> names it in errors. Any version but 1 is an error, as for Thanos.</summary>
    public static BlockMark Parse(BlockMarkKind kind, ReadOnlySpan<byte> json, string source)
    {
        if (json.Length > MaxBytes) throw Invalid(source, $"is {json.Length} bytes, more than a marker may have");
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Invalid(source, "is not a JSON object");
            if (!root.TryGetProperty("version", out var v) || !v.TryGetInt32(out var version))
            {
                throw Invalid(source, "has no version");
            }
            if (version != SupportedVersion) throw Invalid(source, $"has version {version}; only version 1 is known");
            var id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            if (!BlockUlid.IsStrict(id ?? "")) throw Invalid(source, "has no valid block id");
            var timeName = TimeFieldOf(kind);
            long seconds = root.TryGetProperty(timeName, out var t) && t.TryGetInt64(out var s) ? s : throw Invalid(source, $"has no whole-number {timeName}");
            if (seconds < -62135596800 || seconds > 253402300799) throw Invalid(source, $"has {timeName} {seconds} out of range");
            return new BlockMark(kind, id!.ToUpperInvariant(), DateTimeOffset.FromUnixTimeSeconds(seconds))
            {
                Version = version,
                Details = root.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "",
                Reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : (kind == BlockMarkKind.Deletion ? ManualReason : ""),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Invalid(source, $"is not valid JSON ({e.Message})", e);
        }
    }

    private static ThanosLabException Invalid(string source, string message, Exception? inner = null) =>
        new(ErrorKind.InvalidData, "InvalidBlockMark", $"The block marker {source} {message}.", source, null, inner);
}
