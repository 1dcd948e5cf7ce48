using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ThanosLab.Engine.IO;

namespace ThanosLab.Engine.Reporting;

/// <summary>
/// Writes a <see cref="BlockTimeline"/> as one self-contained HTML file: its CSS and script inline and
/// allowed by hash in a Content-Security-Policy that forbids every load, so the page never reaches the
/// network. The blocks travel as a JSON island whose encoder escapes &lt;, &gt;, &amp; and quotes, so a
/// label value holding <c>&lt;/script&gt;</c> stays data; the script only ever makes text nodes of it.
/// </summary>
public static class BlockReportHtml
{
    private static readonly string Script = Resource("BlockReport.js");
    private static readonly string Style = Resource("BlockReport.css");

    /// <summary>The policy the page carries: nothing may load, only its own inline script and style may run.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; script-src '{Hash(Script)}'; style-src '{Hash(Style)}'; base-uri 'none'; form-action 'none'";

    /// <summary>Writes the report to <paramref name="path"/> through a temporary file and a rename.</summary>
    /// <param name="overwrite">Replace an existing file; otherwise an existing file is a FileExists error and stays as it is.</param>
    public static void WriteFile(BlockTimeline timeline, string path, bool overwrite, CancellationToken cancellationToken)
    {
        CheckTarget(path, overwrite);
        AtomicFile.Write(path, stream => Write(timeline, stream, cancellationToken), overwrite: overwrite);
    }

    /// <summary>Refuses a directory, and an existing file unless <paramref name="overwrite"/>: callers ask before they read a whole bucket.</summary>
    public static void CheckTarget(string path, bool overwrite)
    {
        if (Directory.Exists(path))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "ReportPathIsDirectory",
                $"'{path}' is a directory; give the path of the HTML file to write, such as blocks.html.", path);
        }
        if (!overwrite && File.Exists(path))
        {
            throw new ThanosLabException(ErrorKind.ResourceExists, "FileExists",
                $"The file '{path}' already exists; it is not overwritten.", path, "Use -Force to replace it, or give another path.");
        }
    }

    public static void Write(BlockTimeline timeline, Stream stream, CancellationToken cancellationToken)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var title = WebUtility.HtmlEncode(timeline.Title);
        writer.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        writer.Write($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">\n");
        writer.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        writer.Write($"<title>Blocks of {title}</title>\n<style>{Style}</style>\n</head>\n<body>\n");
        writer.Write($"<header><h1>Blocks of {title}</h1><p id=\"summary\">{WebUtility.HtmlEncode(Summary(timeline))}</p></header>\n");
        writer.Write("<div id=\"toolbar\"><button id=\"zoom-in\" type=\"button\">Zoom in</button><button id=\"zoom-out\" type=\"button\">Zoom out</button>" +
                     "<button id=\"reset\" type=\"button\">Whole range</button><span id=\"range\"></span></div>\n");
        writer.Write("<div id=\"legend\"><span class=\"raw\">raw</span><span class=\"r5m\">5m</span><span class=\"r1h\">1h</span>" +
                     "<span>paler and thinner: lower compaction level</span><span class=\"ovl\">overlap</span><span class=\"del\">deletion mark (DEL)</span>" +
                     "<span>NC no-compact mark, ND no-downsample mark</span><span class=\"part\">partial upload</span><span class=\"fnd\">finding</span>" +
                     "<span>wheel: zoom, drag: pan, double-click: whole range</span></div>\n");
        writer.Write("<div id=\"chart\"><div id=\"tip\"></div></div>\n<div id=\"details\">Click a block for its details.</div>\n<section id=\"findings\"></section>\n");
        writer.Write("<noscript>This report draws its timeline with its own inline script; allow scripts for this file to see it.</noscript>\n");
        writer.Write("<script type=\"application/json\" id=\"timeline-data\">");
        writer.Flush();
        WriteData(timeline, stream, cancellationToken);
        writer.Write($"</script>\n<script>{Script}</script>\n</body>\n</html>\n");
    }

    private static string Summary(BlockTimeline timeline)
    {
        var placed = timeline.Lanes.Sum(l => l.Blocks.Count);
        var range = placed > 0
            ? $" from {DateTimeOffset.FromUnixTimeMilliseconds(timeline.Start):yyyy-MM-dd HH:mm} to {DateTimeOffset.FromUnixTimeMilliseconds(timeline.End):yyyy-MM-dd HH:mm} UTC"
            : "";
        return $"{timeline.BlockCount} block(s) in {timeline.Lanes.Count} lane(s){range}; {timeline.Overlaps.Count} overlapping group(s), " +
               $"{timeline.Unplaced.Count} without a readable meta.json, {timeline.Findings.Count} finding(s).";
    }

    private static void WriteData(BlockTimeline timeline, Stream stream, CancellationToken cancellationToken)
    {
        var overlapOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < timeline.Overlaps.Count; g++)
        {
            foreach (var id in timeline.Overlaps[g]) overlapOf[id] = g;
        }
        var findingsOf = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var f = 0; f < timeline.Findings.Count; f++)
        {
            foreach (var id in timeline.Findings[f].Blocks)
            {
                if (!findingsOf.TryGetValue(id, out var list)) findingsOf[id] = list = new List<int>();
                list.Add(f);
            }
        }

        // The default encoder escapes <, >, &, quotes and everything beyond ASCII: nothing can close the script element.
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteNumber("start", timeline.Start);
        json.WriteNumber("end", timeline.End);
        json.WriteStartArray("lanes");
        foreach (var lane in timeline.Lanes)
        {
            json.WriteStartObject();
            json.WriteString("n", lane.Name);
            json.WriteNumber("r", lane.Stream.Resolution);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("blocks");
        for (var l = 0; l < timeline.Lanes.Count; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var block in timeline.Lanes[l].Blocks)
            {
                json.WriteStartObject();
                json.WriteString("i", block.Id);
                json.WriteNumber("l", l);
                json.WriteNumber("a", block.MinTime!.Value);
                json.WriteNumber("b", block.MaxTime!.Value);
                json.WriteNumber("v", block.Level);
                json.WriteNumber("s", block.Series);
                json.WriteNumber("n", block.Samples);
                json.WriteNumber("c", block.Chunks);
                json.WriteNumber("z", block.SizeBytes);
                if (block.Source is { Length: > 0 } source) json.WriteString("o", source);
                if (!(block.Sources.Count == 1 && block.Sources[0] == block.Id))
                {
                    json.WriteStartArray("src");
                    foreach (var s in block.Sources) json.WriteStringValue(s);
                    json.WriteEndArray();
                }
                WriteCommon(json, block, overlapOf, findingsOf);
                json.WriteEndObject();
            }
            json.Flush();
        }
        json.WriteEndArray();
        json.WriteStartArray("unplaced");
        foreach (var block in timeline.Unplaced)
        {
            json.WriteStartObject();
            json.WriteString("i", block.Id);
            if (block.CreatedAt is { } created) json.WriteNumber("t", created);
            json.WriteNumber("z", block.SizeBytes);
            json.WriteBoolean("p", block.IsPartial);
            WriteCommon(json, block, overlapOf, findingsOf);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("overlaps");
        foreach (var group in timeline.Overlaps)
        {
            json.WriteStartArray();
            foreach (var id in group) json.WriteStringValue(id);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteStartArray("findings");
        foreach (var finding in timeline.Findings)
        {
            json.WriteStartObject();
            json.WriteString("k", finding.Kind.ToString());
            json.WriteString("m", finding.Message);
            json.WriteString("r", finding.Recommendation);
            json.WriteStartArray("b");
            foreach (var id in finding.Blocks) json.WriteStringValue(id);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCommon(Utf8JsonWriter json, TimelineBlock block, Dictionary<string, int> overlapOf, Dictionary<string, List<int>> findingsOf)
    {
        var marks = (block.DeletionMarked ? 1 : 0) | (block.NoCompactMarked ? 2 : 0) | (block.NoDownsampleMarked ? 4 : 0);
        if (marks != 0) json.WriteNumber("m", marks);
        if (overlapOf.TryGetValue(block.Id, out var group)) json.WriteNumber("g", group);
        if (findingsOf.TryGetValue(block.Id, out var findings))
        {
            json.WriteStartArray("f");
            foreach (var f in findings) json.WriteNumberValue(f);
            json.WriteEndArray();
        }
    }

    private static string Hash(string content) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private static string Resource(string name)
    {
        using var stream = typeof(BlockReportHtml).Assembly.GetManifestResourceStream("ThanosLab.Engine.Reporting." + name)
            ?? throw new InvalidOperationException($"The engine assembly lacks its resource {name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
