using System.Management.Automation;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>
/// Remove-ThanosBlock in process on a directory bucket holding continuous-30d-tiny (9 blocks, newest
/// maxTime 2024-01-01T00:00:00.002Z): marks, immediate deletion, the retention preview, bad input, and
/// what a host that cannot ask gets. radosgw runs the engine's side in BlockRemovalS3Tests.
/// </summary>
public sealed class RemoveThanosBlockCommandTests : IDisposable
{
    private const string Setup =
        "$bucket = New-ThanosBucketConfig -FileSystem -Directory '{0}'; " +
        "$null = New-ThanosBlockData -Profile continuous-30d-tiny -Label @{{cluster='one'}} -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory '{1}'; " +
        "$null = Publish-ThanosBlock -Path '{1}' -Bucket $bucket -Label @{{ cluster = 'one' }}; $blocks = @(Get-ThanosBlock -Bucket $bucket); [Array]::Sort([DateTimeOffset[]]$blocks.MaxTime, $blocks)";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string BucketDir => _dir.Combine("bucket");

    private PowerShell Session(ScriptedHost? host = null)
    {
        Directory.CreateDirectory(BucketDir);
        var ps = host is null ? PowerShellSession.Create() : PowerShellSession.Create(host);
        ps.AddScript(string.Format(Setup, BucketDir, _dir.Combine("data")));
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        ps.Commands.Clear();
        return ps;
    }

    private string[] Blocks() => Directory.GetDirectories(BucketDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    private string[] Marked() => Directory.GetFiles(BucketDir, "deletion-mark.json", SearchOption.AllDirectories).Select(f => Path.GetFileName(Path.GetDirectoryName(f))!).Order(StringComparer.Ordinal).ToArray();

    private List<BlockMeta> Metas() => Blocks().Select(id => BlockMetaJson.ReadFile(Path.Combine(BucketDir, id, "meta.json"))).OrderBy(m => m.MaxTime).ToList();

    [Fact]
    public void WhatIfListsExactlyTheBlocksTheCompactorsRetentionWouldDeleteAndChangesNothing()
    {
        var host = new ScriptedHost();
        using var ps = Session(host);
        var before = Directory.GetFiles(BucketDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var metas = Metas();
        // 30 days after the fourth-newest block's maxTime (whole seconds) and one second: the five oldest have expired.
        var at = DateTimeOffset.FromUnixTimeSeconds(metas[4].MaxTime / 1000) + TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1);
        ps.AddScript($"Remove-ThanosBlock -Bucket $bucket -RawOlderThan '30d' -At ([DateTimeOffset]'{at:O}') -WhatIf");
        Assert.Empty(ps.Invoke());
        Assert.Empty(ps.Streams.Error);

        var listed = host.Lines.Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToArray();
        var expired = metas.Where(m => DateTimeOffset.FromUnixTimeSeconds(m.MaxTime / 1000) + TimeSpan.FromDays(30) < at).ToArray();
        Assert.Equal(5, expired.Length);
        Assert.Equal(expired.Length, listed.Length);
        foreach (var (meta, line) in expired.Zip(listed))
        {
            Assert.Contains($"block {meta.Id} in {BucketDir}", line);
            Assert.Contains("raw retention 720h0m0s", line);
            Assert.Contains("deletion-mark.json", line);
        }
        Assert.Empty(host.Questions);
        Assert.Equal(before, Directory.GetFiles(BucketDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void RetentionMarksTheExpiredBlocksWithThanosDetailsAndLeavesTheRest()
    {
        using var ps = Session();
        var metas = Metas();
        var at = DateTimeOffset.FromUnixTimeSeconds(metas[4].MaxTime / 1000) + TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1);
        ps.AddScript($"Remove-ThanosBlock -Bucket $bucket -RetentionRaw '30d' -Now ([DateTimeOffset]'{at:O}') -Confirm:$false");
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(metas.Take(5).Select(m => m.Id).Order(StringComparer.Ordinal), Marked());
        Assert.Equal(9, Blocks().Length);
        var mark = File.ReadAllText(Path.Combine(BucketDir, metas[0].Id, "deletion-mark.json"));
        Assert.Contains("\"details\":\"block exceeding retention of 720h0m0s\"", mark);
    }

    [Fact]
    public void ForceDeletesTheGivenBlocksAtOnceAndPipedFindingsAndBlocksBindById()
    {
        using var ps = Session();
        var metas = Metas();
        ps.AddScript("$blocks[0] | Remove-ThanosBlock -Bucket $bucket -Force -Confirm:$false; " +
                     "[pscustomobject]@{ Id = @($blocks[1].Id) } | Remove-ThanosBlock -Bucket $bucket -Confirm:$false");
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        Assert.DoesNotContain(metas[0].Id, Blocks());
        Assert.Equal(8, Blocks().Length);
        Assert.Equal(new[] { metas[1].Id }, Marked());
    }

    [Fact]
    public void AnUnknownOrMalformedIdIsAnErrorForThatIdAndTheOthersGoOn()
    {
        using var ps = Session();
        var unknown = Ulid.NewUlid().ToString();
        ps.AddScript($"Remove-ThanosBlock -Bucket $bucket -Id '{unknown}', 'not-a-block', $blocks[2].Id -Force -Confirm:$false");
        ps.Invoke();
        var errors = ps.Streams.Error.ToArray();
        Assert.Equal(2, errors.Length);
        Assert.StartsWith("BlockNotFound,", errors[0].FullyQualifiedErrorId);
        Assert.Contains(unknown, errors[0].ToString());
        Assert.StartsWith("InvalidBlockId,", errors[1].FullyQualifiedErrorId);
        Assert.Contains("'not-a-block'", errors[1].ToString());
        Assert.Equal(8, Blocks().Length);
    }

    [Fact]
    public void ANegativeRetentionIsRefusedAndNoRetentionRemovesNothing()
    {
        using var ps = Session();
        ps.AddScript("Remove-ThanosBlock -Bucket $bucket -RawOlderThan '30d' -FiveMinuteOlderThan ([TimeSpan]::FromDays(-1)) -Confirm:$false");
        var e = ps.InvokeForError();
        Assert.StartsWith("NegativeRetention,", e.FullyQualifiedErrorId);
        Assert.Contains("5m blocks is -24h0m0s", e.ToString());
        Assert.Empty(Marked());

        ps.Commands.Clear();
        ps.Streams.ClearStreams();
        ps.AddScript("Remove-ThanosBlock -Bucket $bucket -RawOlderThan '0s' -Confirm:$false");
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        Assert.Contains("No retention was given", Assert.Single(ps.Streams.Warning).Message);
        Assert.Empty(Marked());
    }

    [Fact]
    public void AHostThatCannotAskRefusesNamingConfirmFalseAndRemovesNothing()
    {
        using var ps = Session();
        ps.AddScript("$blocks[0] | Remove-ThanosBlock -Bucket $bucket");
        var e = ps.InvokeForError();
        Assert.StartsWith("ConfirmationRequired,", e.FullyQualifiedErrorId);
        Assert.Contains("-Confirm:$false", e.ErrorDetails.RecommendedAction);
        Assert.Empty(Marked());
        Assert.Equal(9, Blocks().Length);
    }

    [Fact]
    public void APersonWhoAnswersNoKeepsTheBlock()
    {
        var host = new ScriptedHost("No");
        using var ps = Session(host);
        ps.AddScript("$blocks[0] | Remove-ThanosBlock -Bucket $bucket -Force");
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        Assert.Contains("Delete the block now", Assert.Single(host.Questions));
        Assert.Equal(9, Blocks().Length);
    }
}

/// <summary>Remove-ThanosBlock on radosgw: the retention preview lists and changes nothing, retention marks, -Force deletes.</summary>
[Collection(RadosGatewayCollection.Name)]
public sealed class RemoveThanosBlockS3CommandTests : IDisposable
{
    private readonly RadosGateway _rgw;
    private readonly TempDirectory _dir = new();

    public RemoveThanosBlockS3CommandTests(RadosGateway rgw) => _rgw = rgw;

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void RetentionPreviewMarksAndImmediateDeletionOnS3()
    {
        _rgw.Require();
        var name = "remove-" + Guid.NewGuid().ToString("N")[..8];
        var host = new ScriptedHost();
        using var ps = PowerShellSession.Create(host);
        ps.AddScript(
            $"$cred = [pscredential]::new('{_rgw.AccessKey}', ([System.Net.NetworkCredential]::new('', '{_rgw.SecretKey}').SecurePassword)); " +
            $"$bucket = New-ThanosBucketConfig -S3 -Bucket {name} -Endpoint {_rgw.Endpoint} -Credential $cred -Insecure; $null = New-ThanosBucket -Bucket $bucket; " +
            $"$null = New-ThanosBlockData -Profile continuous-30d-tiny -Label @{{cluster='one'}} -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory '{_dir.Path}'; " +
            $"$null = Publish-ThanosBlock -Path '{_dir.Path}' -Bucket $bucket -Label @{{ cluster = 'one' }}; " +
            "$blocks = @(Get-ThanosBlock -Bucket $bucket); [Array]::Sort([DateTimeOffset[]]$blocks.MaxTime, $blocks); " +
            "Remove-ThanosBlock -Bucket $bucket -RawOlderThan '30d' -At ([DateTimeOffset]'2024-01-31T01:00:00Z') -WhatIf; " +
            "$afterPreview = @(Get-ThanosBlock -Bucket $bucket | Where-Object DeletionMarked).Count; " +
            "Remove-ThanosBlock -Bucket $bucket -RawOlderThan '30d' -At ([DateTimeOffset]'2024-01-31T01:00:00Z') -Confirm:$false; " +
            "$blocks[-1] | Remove-ThanosBlock -Bucket $bucket -Force -Confirm:$false; " +
            "[pscustomobject]@{ Preview = $afterPreview; Marked = @(Get-ThanosBlock -Bucket $bucket | Where-Object DeletionMarked).Id; Left = @(Get-ThanosBlock -Bucket $bucket).Id; All = $blocks }");
        var result = Assert.Single(ps.Invoke());
        Assert.Empty(ps.Streams.Error);
        var all = ((object[])result.Properties["All"].Value).Select(o => (ThanosBlock)((PSObject)o).BaseObject).ToArray();
        var expired = all.Where(b => DateTimeOffset.FromUnixTimeSeconds(b.MaxTime.ToUnixTimeSeconds()) + TimeSpan.FromDays(30) < DateTimeOffset.Parse("2024-01-31T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture)).Select(b => b.Id).ToArray();
        Assert.NotEmpty(expired);
        Assert.True(expired.Length < all.Length);
        Assert.Equal(0, (int)result.Properties["Preview"].Value);
        Assert.Equal(expired.Length, host.Lines.Count(l => l.StartsWith("What if:", StringComparison.Ordinal)));
        Assert.Equal(expired.Order(StringComparer.Ordinal), ((object[])result.Properties["Marked"].Value).Cast<string>().Order(StringComparer.Ordinal));
        var left = ((object[])result.Properties["Left"].Value).Cast<string>().ToArray();
        Assert.Equal(all.Length - 1, left.Length);
        Assert.DoesNotContain(all[^1].Id, left);
    }
}
