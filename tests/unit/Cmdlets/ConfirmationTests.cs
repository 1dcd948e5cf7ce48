using System.Management.Automation;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>
/// What a person at a -Confirm prompt or a deletion question gets: the answers come from a scripted
/// host, as typed at the console; the bucket is a real directory bucket.
/// </summary>
public sealed class ConfirmationTests : IDisposable
{
    private const string Setup =
        "$bucket = New-ThanosBucketConfig -FileSystem -Directory '{0}'; " +
        "$null = New-ThanosBlockData -Profile continuous-30d-tiny -Label @{{cluster='one'}} -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory '{1}'";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data => _dir.Combine("data");

    private string BucketDir => _dir.Combine("bucket");

    private PowerShell Session(ScriptedHost? host = null, bool publish = false)
    {
        Directory.CreateDirectory(BucketDir);
        var ps = host is null ? PowerShellSession.Create() : PowerShellSession.Create(host);
        ps.AddScript(string.Format(Setup, BucketDir, Data) + (publish ? "; $null = Publish-ThanosBlock -Path '" + Data + "' -Bucket $bucket -Label @{ cluster = 'eu1' }" : ""));
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        ps.Commands.Clear();
        return ps;
    }

    private string[] DeletionMarks() => Directory.GetFiles(BucketDir, "deletion-mark.json", SearchOption.AllDirectories);

    [Fact]
    public void ADeletionMarkAsksOnceMoreAndNoWritesNothing()
    {
        var host = new ScriptedHost("No");
        using var ps = Session(host, publish: true);
        ps.AddScript("(Get-ThanosBlock -Bucket $bucket)[0] | Set-ThanosBlockMark -Bucket $bucket -Kind Deletion");
        Assert.Empty(ps.Invoke());
        Assert.Empty(ps.Streams.Error);
        Assert.Empty(DeletionMarks());
        var question = Assert.Single(host.Questions);
        Assert.Contains("deletes a marked block for good", question);
    }

    [Fact]
    public void YesToAllMarksEveryPipedBlockAfterOneQuestion()
    {
        var host = new ScriptedHost("Yes to All");
        using var ps = Session(host, publish: true);
        ps.AddScript("(Get-ThanosBlock -Bucket $bucket)[0..2] | Set-ThanosBlockMark -Bucket $bucket -Kind Deletion");
        Assert.Equal(3, ps.Invoke().Count);
        Assert.Equal(3, DeletionMarks().Length);
        Assert.Single(host.Questions);
    }

    [Fact]
    public void ForceAndNoCompactMarksAskNothing()
    {
        var host = new ScriptedHost();
        using var ps = Session(host, publish: true);
        ps.AddScript("$ids = (Get-ThanosBlock -Bucket $bucket).Id; Set-ThanosBlockMark -Id $ids[0] -Bucket $bucket -Kind Deletion -Force; Set-ThanosBlockMark -Id $ids[1] -Bucket $bucket -Kind NoCompact");
        Assert.Equal(2, ps.Invoke().Count);
        Assert.Empty(ps.Streams.Error);
        Assert.Single(DeletionMarks());
        Assert.Empty(host.Questions);
    }

    [Fact]
    public void AHostThatCannotAskRefusesTheDeletionMarkNamingForce()
    {
        using var ps = Session(publish: true);
        ps.AddScript("(Get-ThanosBlock -Bucket $bucket)[0] | Set-ThanosBlockMark -Bucket $bucket -Kind Deletion");
        var e = ps.InvokeForError();
        Assert.StartsWith("ConfirmationRequired,", e.FullyQualifiedErrorId);
        Assert.Contains("-Force", e.ErrorDetails.RecommendedAction);
        Assert.Empty(DeletionMarks());
    }

    [Fact]
    public void NoToAllAtConfirmUploadsNothingAndWritesNoShipperState()
    {
        var host = new ScriptedHost("No to All");
        using var ps = Session(host);
        ps.AddScript($"Publish-ThanosBlock -Path '{Data}' -Bucket $bucket -Label @{{ cluster = 'eu1' }} -Confirm");
        Assert.Empty(ps.Invoke());
        Assert.Empty(ps.Streams.Error);
        Assert.Single(host.Questions);
        Assert.Empty(Directory.GetFileSystemEntries(BucketDir));
        Assert.False(File.Exists(Path.Combine(Data, "thanos.shipper.json")));
    }

    [Fact]
    public void RemoveThanosBlockMarkPassThruNamesEachRemovedMark()
    {
        using var ps = Session(publish: true);
        ps.AddScript("(Get-ThanosBlock -Bucket $bucket)[0..1] | Set-ThanosBlockMark -Bucket $bucket -Kind NoCompact | Remove-ThanosBlockMark -Bucket $bucket -PassThru");
        var removed = ps.Invoke().Select(o => o.BaseObject).Cast<ThanosBlockMark>().ToList();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(2, removed.Count);
        Assert.All(removed, m =>
        {
            Assert.Equal(ThanosBlockMarkKind.NoCompact, m.Kind);
            Assert.Equal(Path.Combine(BucketDir, m.Id, "no-compact-mark.json"), m.BucketLocation);
            Assert.False(File.Exists(m.BucketLocation));
        });
    }
}
