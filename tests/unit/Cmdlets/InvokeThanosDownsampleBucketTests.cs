using System.Collections.ObjectModel;
using System.Management.Automation;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>
/// Invoke-ThanosDownsample -Bucket and Test-ThanosDownsample -Bucket in process on a directory bucket holding
/// the published year (continuous-365d-tiny): the compactor's two passes, a rerun, -WhatIf, and a changed sum.
/// </summary>
public sealed class InvokeThanosDownsampleBucketTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly PowerShell _ps;

    public InvokeThanosDownsampleBucketTests()
    {
        var bucketDir = _dir.Combine("bucket");
        Directory.CreateDirectory(bucketDir);
        _ps = PowerShellSession.Create();
        _ps.AddScript($"$bucket = New-ThanosBucketConfig -FileSystem -Directory '{bucketDir}'; $bucketDir = '{bucketDir}'; $data = '{_dir.Combine("data")}'; " +
            "$null = New-ThanosBlockData -Profile continuous-365d-tiny -Label @{cluster='eu1'} -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $data; " +
            "$null = Publish-ThanosBlock -Path $data -Bucket $bucket -Label @{cluster='eu1'}");
        _ps.Invoke();
        Assert.True(_ps.Streams.Error.Count == 0, string.Join("\n", _ps.Streams.Error.Select(e => e.ToString())));
    }

    public void Dispose()
    {
        _ps.Dispose();
        _dir.Dispose();
    }

    private Collection<T> Invoke<T>(string script)
    {
        _ps.Commands.Clear();
        _ps.Streams.ClearStreams();
        _ps.AddScript(script);
        var result = _ps.Invoke<T>();
        Assert.True(_ps.Streams.Error.Count == 0, string.Join("\n", _ps.Streams.Error.Select(e => e.ToString())));
        return result;
    }

    private string[] Warnings() => _ps.Streams.Warning.Select(w => w.Message).ToArray();

    private string[] Objects() => Directory.EnumerateFiles(_dir.Combine("bucket"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void DownsamplesRawTo5mThenThe5mBlocksItMadeTo1hAndTheBucketIsThenComplete()
    {
        var blocks = Invoke<ThanosBlock>("Invoke-ThanosDownsample -Bucket $bucket");
        Assert.Equal(new[] { 9, 5 }, new[] { TimeSpan.FromMinutes(5), TimeSpan.FromHours(1) }.Select(r => blocks.Count(b => b.Resolution == r)));
        Assert.All(blocks, b => Assert.Equal("compactor", b.Source));
        Assert.All(blocks, b => Assert.Equal(Path.Combine(_dir.Combine("bucket"), b.Id), b.BucketLocation));
        Assert.All(blocks, b => Assert.Equal("eu1", b.Labels["cluster"]));
        // The 5m blocks come first: the 1h pass reads the bucket again and finds them.
        Assert.Equal(9, blocks.TakeWhile(b => b.Resolution == TimeSpan.FromMinutes(5)).Count());
        var warnings = Warnings();
        Assert.Equal(4, warnings.Count(w => w.Contains("is not downsampled to 5m", StringComparison.Ordinal) && w.Contains("only from 40 h", StringComparison.Ordinal)));
        Assert.Equal(4, warnings.Count(w => w.Contains("is not downsampled to 1h", StringComparison.Ordinal) && w.Contains("only from 240 h", StringComparison.Ordinal)));
        var finished = _ps.Streams.Progress.Where(p => p.Activity.StartsWith("Block ", StringComparison.Ordinal) && p.RecordType == ProgressRecordType.Completed).ToArray();
        // The cmdlet updates one record per block, so the stream holds that record once per update.
        Assert.Equal(14, finished.Select(p => p.ActivityId).Distinct().Count());
        Assert.All(finished, p => Assert.Equal("Done", p.StatusDescription));

        var statuses = Invoke<ThanosDownsampleStatus>("Get-ThanosDownsampleStatus -Bucket $bucket");
        Assert.Equal(14, statuses.Count(s => s.Status == ThanosDownsampleState.Downsampled));
        Assert.Equal(8, statuses.Count(s => s.Status == ThanosDownsampleState.NotEligible));
        Assert.Empty(Invoke<ThanosBucketFinding>("Test-ThanosBucket -Bucket $bucket"));
        var checks = Invoke<ThanosDownsampleTestResult>("Test-ThanosDownsample -Bucket $bucket");
        Assert.Equal(14, checks.Count);
        Assert.All(checks, c => Assert.True(c.IsCorrect, string.Join("; ", c.Differences.Select(d => d.ToString()))));
        Assert.All(checks, c => Assert.True(c.WindowsChecked > 0));

        // Run again: every source is covered, nothing is written, and it says so.
        var before = Objects();
        _ps.Commands.Clear();
        _ps.Streams.ClearStreams();
        _ps.AddScript("Invoke-ThanosDownsample -Bucket $bucket -Verbose");
        Assert.Empty(_ps.Invoke());
        Assert.Empty(_ps.Streams.Error);
        Assert.Contains(Warnings(), w => w.StartsWith($"Nothing to downsample to 5m in {_dir.Combine("bucket")}: of its 13 raw block(s), 9 are already downsampled and 4 are not eligible.", StringComparison.Ordinal));
        Assert.Contains(Warnings(), w => w.StartsWith("Nothing to downsample to 1h", StringComparison.Ordinal));
        Assert.Equal(14, _ps.Streams.Verbose.Count(v => v.Message.Contains("is already downsampled to", StringComparison.Ordinal)));
        Assert.Equal(before, Objects());
    }

    [Fact]
    public void OneResolutionAtATimeAndWhatIfWritesNothing()
    {
        var before = Objects();
        _ps.Commands.Clear();
        _ps.AddScript("Invoke-ThanosDownsample -Bucket $bucket -WhatIf");
        Assert.Empty(_ps.Invoke());
        Assert.Equal(before, Objects());

        var five = Invoke<ThanosBlock>("Invoke-ThanosDownsample -Bucket $bucket -Resolution 5m -ThrottleLimit 3");
        Assert.Equal(9, five.Count);
        Assert.All(five, b => Assert.Equal(TimeSpan.FromMinutes(5), b.Resolution));
        var statuses = Invoke<ThanosDownsampleStatus>("Get-ThanosDownsampleStatus -Bucket $bucket");
        Assert.Equal(5, statuses.Count(s => s.Status == ThanosDownsampleState.Eligible && s.Resolution == TimeSpan.FromMinutes(5)));
        var hour = Invoke<ThanosBlock>("Invoke-ThanosDownsample -Bucket $bucket -Resolution 1h");
        Assert.Equal(5, hour.Count);
    }

    [Fact]
    public void TestThanosDownsampleFindsAChangedSumInOneWindowOfABucketBlock()
    {
        var five = Invoke<ThanosBlock>("Invoke-ThanosDownsample -Bucket $bucket -Resolution 5m").OrderBy(b => b.MinTime).First();
        // A copy of the bucket block with one window's sum changed replaces the block's chunks and index in the bucket.
        var inBucket = Path.Combine(_dir.Combine("bucket"), five.Id);
        var tampered = _dir.Combine("tampered");
        var (series, window) = TestThanosDownsampleCommandTests.WriteWithOneSumChanged(inBucket, tampered);
        foreach (var file in new[] { "index", Path.Combine("chunks", "000001") })
        {
            File.Copy(Path.Combine(Directory.GetDirectories(tampered).Single(), file), Path.Combine(inBucket, file), overwrite: true);
        }

        var checks = Invoke<ThanosDownsampleTestResult>("Test-ThanosDownsample -Bucket $bucket");
        var bad = Assert.Single(checks, c => !c.IsCorrect);
        Assert.Equal(five.Id, bad.Id);
        Assert.Equal(Path.Combine(_dir.Combine("bucket"), five.Id), bad.Path);
        var difference = Assert.Single(bad.Differences);
        Assert.StartsWith("sum is ", difference.Message);
        Assert.Equal((series, window), (difference.Series, difference.Timestamp!.Value.ToUnixTimeMilliseconds()));
        Assert.Equal(8, checks.Count(c => c.IsCorrect));
    }

    [Fact]
    public void ADownsampledBlockWithoutItsSourceIsAWarningAndAnEmptyBucketSaysSo()
    {
        var five = Invoke<ThanosBlock>("Invoke-ThanosDownsample -Bucket $bucket -Resolution 5m").OrderBy(b => b.MinTime).First();
        // The 5m block keeps its source's range.
        var source = Invoke<ThanosBlock>("Get-ThanosBlock -Path $data").Single(b => b.MinTime == five.MinTime);
        Directory.Delete(Path.Combine(_dir.Combine("bucket"), source.Id), recursive: true);
        var checks = Invoke<ThanosDownsampleTestResult>("Test-ThanosDownsample -Bucket $bucket");
        Assert.Equal(8, checks.Count);
        var warning = Assert.Single(Warnings());
        Assert.Contains($"Block {five.Id} (5m) is not checked: no raw block with its compaction sources", warning);

        Directory.CreateDirectory(_dir.Combine("empty"));
        Assert.Empty(Invoke<ThanosDownsampleTestResult>($"Test-ThanosDownsample -Bucket (New-ThanosBucketConfig -FileSystem -Directory '{_dir.Combine("empty")}')"));
        Assert.Contains("no 5m or 1h block", Assert.Single(Warnings()));
        Assert.Empty(Invoke<ThanosBlock>($"Invoke-ThanosDownsample -Bucket (New-ThanosBucketConfig -FileSystem -Directory '{_dir.Combine("empty")}')"));
        Assert.Contains(Warnings(), w => w.Contains("of its 0 raw block(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void ACorruptBlockIsAnErrorOfItsOwnAndTheOthersAreDownsampled()
    {
        var raw = Invoke<ThanosBlock>("Get-ThanosBlock -Bucket $bucket").Where(b => b.Duration.TotalHours >= 40).OrderBy(b => b.MinTime).ToArray();
        File.WriteAllBytes(Path.Combine(_dir.Combine("bucket"), raw[2].Id, "index"), new byte[] { 1, 2, 3 });
        _ps.Commands.Clear();
        _ps.Streams.ClearStreams();
        _ps.AddScript("Invoke-ThanosDownsample -Bucket $bucket -Resolution 5m");
        var written = _ps.Invoke<ThanosBlock>();
        Assert.Equal(8, written.Count);
        var error = Assert.Single(_ps.Streams.Error);
        Assert.Equal(raw[2].Id, error.TargetObject);
        Assert.Equal("CorruptBlock,ThanosLab.Cmdlets.InvokeThanosDownsampleCommand", error.FullyQualifiedErrorId);
        Assert.DoesNotContain(Invoke<ThanosBucketFinding>("Test-ThanosBucket -Bucket $bucket"), f => f.Kind == "PartialUpload");
    }
}
