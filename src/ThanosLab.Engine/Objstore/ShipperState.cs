using System.Text.Json;
using ThanosLab.Engine.IO;
using ThanosLab.Engine.Json;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// <c>thanos.shipper.json</c> in a data directory (formats.md §11): the blocks a shipper has already
/// uploaded, so later runs skip them without asking the bucket. Local only, never uploaded.
/// </summary>
public sealed class ShipperState
{
    public const string FileName = "thanos.shipper.json";
    public const int SupportedVersion = 1;

    // Far more than any data dir's block count times 29 bytes; bounds what a bad file can cost.
    private const int MaxBytes = 16 * 1024 * 1024;

    public static readonly ShipperState Empty = new(null);

    /// <param name="uploaded">Block ULIDs in local minTime order; null serialises as Go's nil slice.</param>
    public ShipperState(IReadOnlyList<string>? uploaded) => Uploaded = uploaded;

    /// <summary>Uploaded block ids, or null (written as <c>"uploaded": null</c>) when there are none.</summary>
    public IReadOnlyList<string>? Uploaded { get; }

    public bool Contains(string id) => Uploaded is not null && Uploaded.Contains(id, StringComparer.Ordinal);

    /// <summary>
    /// Reads the file in <paramref name="dataDirectory"/>. Missing, unreadable (a FIFO or device is
    /// not even opened), too large or another version: empty, as the shipper treats it.
    /// </summary>
    public static ShipperState Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            if (!File.Exists(path)) return Empty;
            return Parse(RegularFile.ReadAllBytes(path, dataDirectory, MaxBytes, "a shipper file")) ?? Empty;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ThanosLabException)
        {
            return Empty;
        }
    }

    /// <summary>True when the data directory has a shipper file at all (readable or not).</summary>
    public static bool Exists(string dataDirectory) => File.Exists(Path.Combine(dataDirectory, FileName));

    /// <summary>The state in <paramref name="json"/>, or null when it is not a valid version-1 shipper file.</summary>
    public static ShipperState? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (!root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version != SupportedVersion) return null;
            if (!root.TryGetProperty("uploaded", out var up) || up.ValueKind == JsonValueKind.Null) return Empty;
            if (up.ValueKind != JsonValueKind.Array) return null;
            var ids = new List<string>();
            foreach (var item in up.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || !BlockUlid.IsStrict(item.GetString() ?? "")) return null;
                ids.Add(item.GetString()!.ToUpperInvariant());
            }
            return new ShipperState(ids);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: an escaped lone surrogate, which System.Text.Json cannot make a string of.
            return null;
        }
    }

    /// <summary>Go's <c>json.Encoder</c> with tab indent: tab-indented, one trailing newline.</summary>
    public string ToJson()
    {
        var w = new GoJsonWriter();
        w.StartObject().Number("version", SupportedVersion);
        if (Uploaded is null)
        {
            w.Null("uploaded");
        }
        else
        {
            w.StartArray("uploaded");
            foreach (var id in Uploaded) w.String(null, id);
            w.EndArray();
        }
        w.EndObject();
        return w + "\n";
    }

    /// <summary>Replaces the file atomically (temp + rename), so a crash leaves the old or the new list.</summary>
    public void Write(string dataDirectory) => AtomicFile.WriteAllText(Path.Combine(dataDirectory, FileName), ToJson());
}
