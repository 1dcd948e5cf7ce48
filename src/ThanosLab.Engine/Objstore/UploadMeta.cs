using System.Globalization;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// The meta.json a block gets in the bucket (formats.md §9, §12): the local meta with its Thanos
/// section set as Thanos ≥0.40's upload writes it. The local meta.json is never changed.
/// </summary>
public static class UploadMeta
{
    /// <summary>The source Thanos' <c>tools bucket upload-blocks</c> records.</summary>
    public const string BucketUploadSource = "bucket.upload";

    /// <param name="externalLabels">Merged over labels already in the local Thanos section (Thanos ≥0.35).</param>
    /// <param name="files">Data files with sizes and optional hashes; meta.json's own entry is added here.</param>
    public static BlockMeta Build(BlockMeta local, LabelSet externalLabels, string source, IReadOnlyList<ThanosFile> files, DateTimeOffset uploadTime)
    {
        var thanos = local.Thanos ?? new ThanosMeta(LabelSet.Empty, 0, source);
        var all = files.Append(new ThanosFile(BlockMetaJson.FileName, null))
            .OrderBy(f => f.RelPath, StringComparer.Ordinal)
            .ToArray();
        var segments = files
            .Where(f => f.RelPath.StartsWith(BlockFile.ChunksDirectory + "/", StringComparison.Ordinal))
            .Select(f => f.RelPath[(BlockFile.ChunksDirectory.Length + 1)..])
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
        return local with
        {
            Thanos = thanos with
            {
                Labels = thanos.Labels.Merge(externalLabels),
                Source = source,
                SegmentFiles = segments,
                Files = all,
                IndexStats = thanos.IndexStats ?? (0, 0),
                UploadTime = FormatUploadTime(uploadTime),
            },
        };
    }

    /// <summary>Go's RFC 3339 with nanoseconds for a UTC time: fraction trimmed of trailing zeros, no dot when zero.</summary>
    public static string FormatUploadTime(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var ticks = utc.Ticks % TimeSpan.TicksPerSecond;
        if (ticks != 0) text += "." + ticks.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
        return text + "Z";
    }
}
