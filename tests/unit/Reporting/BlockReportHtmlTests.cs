using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Objstore.Doctor;
using ThanosLab.Engine.Reporting;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Tests.Infrastructure;
using ThanosLab.Tests.Objstore;
using Xunit;

namespace ThanosLab.Tests.Reporting;

/// <summary>
/// The timeline model over the doctor's faulty bucket (real generated blocks in a FILESYSTEM bucket),
/// and the HTML file: hostile labels stay data, the policy allows only the inline script and style,
/// nothing refers outside the file, and an existing file is never replaced unasked.
/// </summary>
public sealed class BlockReportHtmlTests : IDisposable
{
    private const string Hostile = "</script><script>alert(1)</script>\"'&<!--";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task TheFaultyBucketHasALanePerStreamTheDoctorsOverlapsAndThePartialUploadAside()
    {
        Directory.CreateDirectory(_dir.Combine("bucket"));
        using var bucket = new FileSystemBucket(_dir.Combine("bucket"));
        var faults = await FaultyBucket.CreateAsync(bucket, _dir.Combine("data"));
        var survey = await BucketSurvey.ReadAsync(bucket, BucketSurvey.DefaultDeleteDelay, DateTimeOffset.UtcNow, 4, default);
        var examination = await BucketDoctor.ExamineAsync(bucket, BucketSurvey.DefaultDeleteDelay, DateTimeOffset.UtcNow, 4, false, default);

        var timeline = BlockTimeline.FromSurvey(bucket.Location, survey, Array.Empty<BucketFinding>(), check: true);

        Assert.Equal(new[] { "raw@{cluster=\"one\"}", "raw@{cluster=\"two\"}" }, timeline.Lanes.Select(l => l.Name));
        Assert.Equal(faults.CopyA.Concat(faults.CopyB).Append(faults.Duplicate).Order(StringComparer.Ordinal),
            timeline.Lanes[0].Blocks.Select(b => b.Id).Order(StringComparer.Ordinal));
        Assert.Equal(faults.OtherStream.Skip(1).Order(StringComparer.Ordinal), timeline.Lanes[1].Blocks.Select(b => b.Id).Order(StringComparer.Ordinal));
        Assert.Equal(faults.Partial, Assert.Single(timeline.Unplaced).Id);
        Assert.True(timeline.Unplaced[0].IsPartial);
        var doctorsOverlaps = examination.Findings.Where(f => f.Kind == BucketFindingKind.Overlap).Select(f => string.Join(",", f.Blocks)).ToArray();
        Assert.Equal(doctorsOverlaps, timeline.Overlaps.Select(g => string.Join(",", g)));
        Assert.Equal(examination.Findings.Select(f => f.Kind), timeline.Findings.Select(f => f.Kind));
        var pipedAndChecked = BlockTimeline.FromSurvey(bucket.Location, survey, examination.Findings, check: true);
        Assert.Equal(examination.Findings.Count, pipedAndChecked.Findings.Count);
        var compacted = timeline.Lanes[0].Blocks.Single(b => b.Id == faults.Duplicate);
        Assert.Equal(new[] { faults.DuplicateOf }, compacted.Sources);
    }

    [Fact]
    public void BlocksFromAListingFindTheSameOverlapsAsTheDoctorAndChecksOnlyWhenAsked()
    {
        var blocks = TimelineSample.Blocks();
        var quiet = BlockTimeline.FromBlocks(null, blocks, Array.Empty<BucketFinding>(), check: false, DateTimeOffset.UnixEpoch);
        Assert.Equal(new[] { TimelineSample.Id(4) + "," + TimelineSample.Id(5) }, quiet.Overlaps.Select(g => string.Join(",", g)));
        Assert.Empty(quiet.Findings);
        Assert.Equal("/bucket", quiet.Title);
        var checkedTimeline = BlockTimeline.FromBlocks("t", blocks, Array.Empty<BucketFinding>(), check: true, DateTimeOffset.UnixEpoch);
        Assert.Contains(checkedTimeline.Findings, f => f.Kind == BucketFindingKind.Overlap && f.Blocks.SequenceEqual(new[] { TimelineSample.Id(4), TimelineSample.Id(5) }));
    }

    [Fact]
    public void AHostileLabelAndTitleStayDataAndThePolicyAllowsOnlyTheInlineScriptAndStyle()
    {
        var labels = LabelSet.Create(new[] { new Label("cluster", Hostile) });
        var blocks = TimelineSample.Blocks().Select(b => b.HasRange ? b with { Labels = labels } : b).ToArray();
        var path = _dir.Combine("hostile.html");
        BlockReportHtml.WriteFile(BlockTimeline.FromBlocks(Hostile, blocks, Array.Empty<BucketFinding>(), false, DateTimeOffset.UnixEpoch), path, false, default);
        var html = File.ReadAllText(path);

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<!--", html);
        Assert.Equal(2, Regex.Matches(html, "</script>").Count);
        Assert.Contains("<h1>Blocks of &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;&lt;!--</h1>", html);
        using var data = JsonDocument.Parse(Between(html, "<script type=\"application/json\" id=\"timeline-data\">", "</script>"));
        Assert.Contains(data.RootElement.GetProperty("lanes").EnumerateArray(), l => l.GetProperty("n").GetString() == "raw@" + labels);

        var script = Between(html, "<script>", "</script>");
        var style = Between(html, "<style>", "</style>");
        var policy = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">").Groups[1].Value;
        Assert.StartsWith("default-src 'none';", policy);
        Assert.Contains($"script-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)))}'", policy);
        Assert.Contains($"style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)))}'", policy);
        Assert.DoesNotMatch(new Regex(@"\b(src|href|action)\s*=|@import|url\((?!#)", RegexOptions.IgnoreCase), html);
    }

    [Fact]
    public void AnExistingFileStaysUnlessOverwriteAndNoTemporaryFileIsLeft()
    {
        var timeline = BlockTimeline.FromBlocks(null, TimelineSample.Blocks(), Array.Empty<BucketFinding>(), false, DateTimeOffset.UnixEpoch);
        var path = _dir.Combine("r.html");
        File.WriteAllText(path, "mine");
        var e = Assert.Throws<ThanosLabException>(() => BlockReportHtml.WriteFile(timeline, path, false, default));
        Assert.Equal("FileExists", e.ErrorId);
        Assert.Contains(path, e.Message);
        Assert.Equal("mine", File.ReadAllText(path));

        BlockReportHtml.WriteFile(timeline, path, true, default);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_dir.Path));

        var dir = Directory.CreateDirectory(_dir.Combine("a-directory")).FullName;
        Assert.Equal("ReportPathIsDirectory", Assert.Throws<ThanosLabException>(() => BlockReportHtml.WriteFile(timeline, dir, true, default)).ErrorId);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
