using System.Management.Automation;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>Publish-ThanosBlock, Test-ThanosBucketUpload, Get-ThanosBlock -Bucket and the mark cmdlets, in process, on a directory bucket.</summary>
public sealed class BucketUploadCommandsTests : IDisposable
{
    // ThanosUploadStatus mirrors the engine's BlockUploadStatus (engine value types stay out of
    // PowerShell objects, see Hosting/) and is mapped by name: the two must not drift apart.
    [Fact]
    public void UploadStatusNamesMatchTheEngine() =>
        Assert.Equal(Enum.GetNames<ThanosLab.Engine.Objstore.BlockUploadStatus>(), Enum.GetNames<ThanosUploadStatus>());

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data => _dir.Combine("data");

    private string BucketDir => _dir.Combine("bucket");

    /// <summary>A session with $data (9 generated blocks) and $bucket (an existing directory bucket).</summary>
    private PowerShell Session()
    {
        Directory.CreateDirectory(BucketDir);
        var ps = PowerShellSession.Create();
        ps.AddScript($"$data = '{Data}'; $bucket = New-ThanosBucketConfig -FileSystem -Directory '{BucketDir}'; " +
            "$null = New-ThanosBlockData -Profile continuous-30d-tiny -Label @{cluster='one'} -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $data");
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        ps.Commands.Clear();
        return ps;
    }

    [Fact]
    public void PublishEmitsOneBlockPerUploadAndTheCheckPasses()
    {
        using var ps = Session();
        ps.AddScript("Publish-ThanosBlock -Path $data -Bucket $bucket -Label 'cluster=eu1', 'replica=\"0\"'");
        var blocks = ps.Invoke<ThanosBlock>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(9, blocks.Count);
        Assert.All(blocks, b =>
        {
            Assert.Equal("bucket.upload", b.Source);
            Assert.Equal("eu1", b.Labels["cluster"]);
            Assert.Equal("0", b.Labels["replica"]);
            Assert.Equal(Path.Combine(BucketDir, b.Id), b.BucketLocation);
            Assert.Equal(Path.Combine(Data, b.Id), b.Path);
            Assert.True(File.Exists(Path.Combine(BucketDir, b.Id, "meta.json")));
        });
        Assert.NotEmpty(ps.Streams.Progress);
        Assert.True(File.Exists(Path.Combine(Data, "thanos.shipper.json")));

        ps.Commands.Clear();
        ps.AddScript("Test-ThanosBucketUpload -Path $data -Bucket $bucket -Label @{ cluster = 'eu1' }");
        var result = Assert.Single(ps.Invoke<ThanosBucketUploadResult>());
        Assert.True(result.Passed);
        Assert.Equal(9, result.Blocks.Length);
        Assert.All(result.Blocks, b => Assert.Equal(ThanosUploadStatus.Uploaded, b.Status));

        ps.Commands.Clear();
        ps.AddScript("Get-ThanosBlock -Bucket $bucket");
        var listed = ps.Invoke<ThanosBlock>();
        Assert.Equal(blocks.Select(b => b.Id).Order(), listed.Select(b => b.Id).Order());
        Assert.All(listed, b => Assert.False(b.IsPartial || b.DeletionMarked || b.NoCompactMarked));
        Assert.Equal(blocks.ToDictionary(b => b.Id, b => b.SizeBytes), listed.ToDictionary(b => b.Id, b => b.SizeBytes));

        ps.Commands.Clear();
        ps.AddScript("Publish-ThanosBlock -Path $data -Bucket $bucket -Label 'cluster=eu1' -Verbose");
        Assert.Empty(ps.Invoke());
        Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("recorded in thanos.shipper.json", StringComparison.Ordinal));
    }

    [Fact]
    public void BlocksFromThePipelineAreUploadedByTheirPath()
    {
        using var ps = Session();
        ps.AddScript("(Get-ThanosBlock -Path $data)[0..1] | Publish-ThanosBlock -Bucket $bucket -Label @{ cluster = 'eu1' }");
        var blocks = ps.Invoke<ThanosBlock>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(2, blocks.Count);
        Assert.Equal(2, Directory.GetDirectories(BucketDir).Length);

        // The check of those two blocks passes; of the whole directory it does not.
        ps.Commands.Clear();
        ps.AddScript("((Get-ThanosBlock -Path $data)[0..1] | Test-ThanosBucketUpload -Bucket $bucket -Quiet), (Test-ThanosBucketUpload -Path $data -Bucket $bucket -Quiet)");
        Assert.Equal(new object[] { true, false }, ps.Invoke().Select(o => o.BaseObject));
    }

    [Fact]
    public void WhatIfUploadsAndRecordsNothing()
    {
        using var ps = Session();
        ps.AddScript("Publish-ThanosBlock -Path $data -Bucket $bucket -Label @{ cluster = 'eu1' } -WhatIf");
        Assert.Empty(ps.Invoke());
        Assert.Empty(Directory.GetFileSystemEntries(BucketDir));
        Assert.False(File.Exists(Path.Combine(Data, "thanos.shipper.json")));
    }

    [Fact]
    public void MissingLabelsAndAMissingBucketAreErrorRecordsWithTheirIds()
    {
        using var ps = Session();
        ps.AddScript($"$plain = New-ThanosBlockData -Profile continuous-30d-tiny -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory '{_dir.Combine("plain")}'; $plain[0] | Publish-ThanosBlock -Bucket $bucket");
        var error = ps.InvokeForError();
        Assert.Equal("ExternalLabelsRequired,ThanosLab.Cmdlets.PublishThanosBlockCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-Label", error.ErrorDetails.RecommendedAction);
        Assert.Empty(Directory.GetFileSystemEntries(BucketDir));

        ps.Commands.Clear();
        ps.Streams.Error.Clear();
        ps.AddScript($"Publish-ThanosBlock -Path $data -Bucket (New-ThanosBucketConfig -FileSystem -Directory '{_dir.Combine("nowhere")}') -Label @{{ cluster = 'eu1' }}");
        error = ps.InvokeForError();
        Assert.Equal("BucketNotFound,ThanosLab.Cmdlets.PublishThanosBlockCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("New-ThanosBucket", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void ALabelThatIsNotNameEqualsValueIsRejectedWithWhatIsAccepted()
    {
        using var ps = Session();
        ps.AddScript("Publish-ThanosBlock -Path $data -Bucket $bucket -Label 'cluster'");
        var error = ps.InvokeForError();
        Assert.Contains("'cluster' is not a label", error.Exception.Message);
        Assert.Contains("'cluster=eu1'", error.Exception.Message);
    }

    [Fact]
    public void ARemovedObjectFailsTheCheckNamingTheBlockAndFile()
    {
        using var ps = Session();
        ps.AddScript("$published = Publish-ThanosBlock -Path $data -Bucket $bucket -Label @{ cluster = 'eu1' }; $published[0].Id");
        var id = (string)ps.Invoke().Single().BaseObject;
        File.Delete(Path.Combine(BucketDir, id, "index"));
        ps.Commands.Clear();
        ps.AddScript("Test-ThanosBucketUpload -Path $data -Bucket $bucket -Verbose");
        var result = Assert.Single(ps.Invoke<ThanosBucketUploadResult>());
        Assert.False(result.Passed);
        var failed = Assert.Single(result.Failed);
        Assert.Equal(id, failed.Id);
        Assert.Equal(ThanosUploadStatus.FileMissing, failed.Status);
        Assert.Equal("index is not in the bucket", failed.Details[0]);
        Assert.True(failed.InShipperState);
        Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains(id, StringComparison.Ordinal) && v.Message.Contains("index", StringComparison.Ordinal));
    }

    [Fact]
    public void MarksAreSetShownAndRemoved()
    {
        using var ps = Session();
        ps.AddScript("$null = Publish-ThanosBlock -Path $data -Bucket $bucket -Label @{ cluster = 'eu1' }; " +
            "(Get-ThanosBlock -Bucket $bucket)[0..1] | Set-ThanosBlockMark -Bucket $bucket -Kind Deletion -Details 'test' -Force");
        var marks = ps.Invoke<ThanosBlockMark>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(2, marks.Count);
        Assert.All(marks, m => Assert.Equal(ThanosBlockMarkKind.Deletion, m.Kind));
        Assert.True(File.Exists(Path.Combine(BucketDir, marks[0].Id, "deletion-mark.json")));

        ps.Commands.Clear();
        ps.AddScript($"Set-ThanosBlockMark -Id {marks[0].Id} -Bucket $bucket -Kind NoCompact -Reason manual; Get-ThanosBlock -Bucket $bucket -Id {marks[0].Id}; Get-ThanosBlock -Bucket $bucket -ExcludeDeleted");
        var output = ps.Invoke();
        var marked = output.Select(o => o.BaseObject).OfType<ThanosBlock>().First();
        Assert.True(marked.DeletionMarked);
        Assert.True(marked.NoCompactMarked);
        Assert.Equal(7, output.Select(o => o.BaseObject).OfType<ThanosBlock>().Count() - 1);

        ps.Commands.Clear();
        ps.AddScript($"Get-ThanosBlock -Bucket $bucket | Where-Object DeletionMarked | Remove-ThanosBlockMark -Bucket $bucket -Kind Deletion; Get-ThanosBlock -Bucket $bucket -Id {marks[0].Id}");
        var after = Assert.Single(ps.Invoke<ThanosBlock>());
        Assert.False(after.DeletionMarked);
        Assert.True(after.NoCompactMarked);
        Assert.False(File.Exists(Path.Combine(BucketDir, marks[1].Id, "deletion-mark.json")));
    }

    [Fact]
    public void ANoDownsampleMarkIsWrittenInThanosFormatShownAndRemoved()
    {
        using var ps = Session();
        ps.AddScript("$null = Publish-ThanosBlock -Path $data -Bucket $bucket -Label @{ cluster = 'eu1' }; " +
            "(Get-ThanosBlock -Bucket $bucket)[0] | Set-ThanosBlockMark -Bucket $bucket -Kind NoDownsample -Details 'keep raw'");
        var mark = Assert.Single(ps.Invoke<ThanosBlockMark>());
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(ThanosBlockMarkKind.NoDownsample, mark.Kind);
        Assert.Equal("manual", mark.Reason);
        Assert.Equal($"{{\"id\":\"{mark.Id}\",\"version\":1,\"details\":\"keep raw\",\"no_downsample_time\":{mark.Time.ToUnixTimeSeconds()},\"reason\":\"manual\"}}",
            File.ReadAllText(Path.Combine(BucketDir, mark.Id, "no-downsample-mark.json")));

        ps.Commands.Clear();
        ps.AddScript($"Get-ThanosBlock -Bucket $bucket -Id {mark.Id}");
        var marked = Assert.Single(ps.Invoke<ThanosBlock>());
        Assert.True(marked.NoDownsampleMarked);
        Assert.False(marked.NoCompactMarked || marked.DeletionMarked);

        ps.Commands.Clear();
        ps.AddScript($"Get-ThanosBlock -Bucket $bucket | Where-Object NoDownsampleMarked | Remove-ThanosBlockMark -Bucket $bucket -Kind NoDownsample -PassThru; Get-ThanosBlock -Bucket $bucket -Id {mark.Id}");
        var output = ps.Invoke().Select(o => o.BaseObject).ToArray();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(ThanosBlockMarkKind.NoDownsample, Assert.Single(output.OfType<ThanosBlockMark>()).Kind);
        Assert.False(Assert.Single(output.OfType<ThanosBlock>()).NoDownsampleMarked);
        Assert.False(File.Exists(Path.Combine(BucketDir, mark.Id, "no-downsample-mark.json")));
    }

    [Fact]
    public void MarkErrorsNameTheBadValue()
    {
        using var ps = Session();
        ps.AddScript("Set-ThanosBlockMark -Id 01HK2M7J3QW8D5T1X0ZC9B6N4E -Bucket $bucket -Kind NoCompact -Reason because");
        var error = ps.InvokeForError();
        Assert.StartsWith("InvalidNoCompactReason", error.FullyQualifiedErrorId);
        ps.Commands.Clear();
        ps.Streams.Error.Clear();
        ps.AddScript("Set-ThanosBlockMark -Id 01HK2M7J3QW8D5T1X0ZC9B6N4E -Bucket $bucket -Kind Deletion -Force");
        error = ps.InvokeForError();
        Assert.StartsWith("BlockNotFound", error.FullyQualifiedErrorId);
        Assert.Equal("01HK2M7J3QW8D5T1X0ZC9B6N4E", error.TargetObject);
    }

    [Fact]
    public void ACorruptMetaJsonInTheBucketIsReportedAndTheBlockStillListed()
    {
        using var ps = Session();
        ps.AddScript("(Publish-ThanosBlock -Path $data -Bucket $bucket -Label @{ cluster = 'eu1' })[0].Id");
        var id = (string)ps.Invoke().Single().BaseObject;
        File.WriteAllText(Path.Combine(BucketDir, id, "meta.json"), "{\"version\": 1,");
        ps.Commands.Clear();
        ps.AddScript("Get-ThanosBlock -Bucket $bucket");
        var listed = ps.Invoke<ThanosBlock>();
        Assert.Equal(9, listed.Count);
        var error = Assert.Single(ps.Streams.Error);
        Assert.StartsWith("InvalidBlockMeta", error.FullyQualifiedErrorId);
        Assert.Contains(id, error.Exception.Message);
        Assert.Equal(id, error.TargetObject);
    }

    [Fact]
    public void BadPathsBucketsAndWaitTimesAreNamedInTheErrors()
    {
        using var ps = Session();
        ps.AddScript($"Publish-ThanosBlock -Path '{_dir.Combine("no-data")}' -Bucket $bucket -Label @{{ cluster = 'eu1' }}");
        var error = ps.InvokeForError();
        Assert.StartsWith("PathNotFound", error.FullyQualifiedErrorId);
        Assert.Contains("no-data", error.Exception.Message);

        ps.Commands.Clear();
        ps.Streams.Error.Clear();
        ps.AddScript($"Get-ThanosBlock -Bucket (New-ThanosBucketConfig -FileSystem -Directory '{_dir.Combine("nowhere")}')");
        error = ps.InvokeForError();
        Assert.StartsWith("BucketNotFound", error.FullyQualifiedErrorId);

        ps.Commands.Clear();
        ps.Streams.Error.Clear();
        ps.AddScript("Test-ThanosBucketUpload -Path $data -Bucket $bucket -Wait -Timeout '-5s'");
        error = ps.InvokeForError();
        Assert.Contains("-5s", error.Exception.Message);

        ps.Commands.Clear();
        ps.Streams.Error.Clear();
        ps.AddScript("Publish-ThanosBlock -Path $data -Bucket $bucket -Label @{ 'bad-name' = 'x' }");
        error = ps.InvokeForError();
        Assert.Contains("'bad-name' is not a valid external label name", error.Exception.Message);
        Assert.Empty(Directory.GetFileSystemEntries(BucketDir));
    }
}
