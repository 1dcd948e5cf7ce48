using System.Management.Automation;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

[Collection(RadosGatewayCollection.Name)]
public class NewThanosBucketCommandTests
{
    private readonly RadosGateway _rgw;

    public NewThanosBucketCommandTests(RadosGateway rgw) => _rgw = rgw;

    private string Config(string bucket, string? secret = null, string? accessKey = null) =>
        $"$cred = [pscredential]::new('{accessKey ?? _rgw.AccessKey}', ([System.Net.NetworkCredential]::new('', '{secret ?? _rgw.SecretKey}').SecurePassword)); " +
        $"$config = New-ThanosBucketConfig -S3 -Bucket {bucket} -Endpoint {_rgw.Endpoint} -Credential $cred -Insecure; ";

    [SkippableFact]
    public void CreatesTheBucketOnceAndIsIdempotent()
    {
        _rgw.Require();
        var name = "cmdlet-" + Guid.NewGuid().ToString("N")[..8];
        using var ps = PowerShellSession.Create();
        ps.AddScript(Config(name) + "$config | New-ThanosBucket -Verbose; New-ThanosBucket -Bucket $config -Verbose");
        var results = ps.Invoke<ThanosBucketConfig>();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(2, results.Count);
        Assert.Equal($"s3://{name}", results[0].Location);
        Assert.Equal(new[] { $"Created the bucket s3://{name}.", $"The bucket s3://{name} already exists." }, ps.Streams.Verbose.Select(v => v.Message).Where(m => m.Contains(name, StringComparison.Ordinal) && !m.StartsWith("Performing the operation", StringComparison.Ordinal)));
        foreach (var v in ps.Streams.Verbose) Assert.DoesNotContain(_rgw.SecretKey, v.Message);
    }

    [SkippableFact]
    public void WhatIfCreatesNothing()
    {
        _rgw.Require();
        var name = "whatif-" + Guid.NewGuid().ToString("N")[..8];
        using var ps = PowerShellSession.Create();
        ps.AddScript(Config(name) + "New-ThanosBucket -Bucket $config -WhatIf; New-ThanosBucket -Bucket $config -Verbose");
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        Assert.Contains(ps.Streams.Verbose, v => v.Message == $"Created the bucket s3://{name}.");
    }

    [SkippableFact]
    public void WrongSecretIsAnAuthenticationErrorThatNeverShowsTheSecret()
    {
        _rgw.Require();
        const string wrong = "NotTheRightSecret-0123456789";
        using var ps = PowerShellSession.Create();
        ps.AddScript(Config("thanos", secret: wrong) + "New-ThanosBucket -Bucket $config -Verbose -Debug");
        var e = ps.InvokeForError();
        Assert.Equal("InvalidCredentials,ThanosLab.Cmdlets.NewThanosBucketCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, e.CategoryInfo.Category);
        Assert.Contains("-Credential", e.ErrorDetails.RecommendedAction);
        var everything = string.Join("\n", new object[] { e, e.Exception, e.ErrorDetails?.Message ?? "", e.TargetObject ?? "" }
            .Concat(ps.Streams.Verbose).Concat(ps.Streams.Debug).Select(o => o.ToString()));
        Assert.DoesNotContain(wrong, everything);
        Assert.DoesNotContain(_rgw.SecretKey, everything);
    }

    [SkippableFact]
    public void UnreachableEndpointIsAConnectionErrorNamingIt()
    {
        _rgw.Require();
        using var ps = PowerShellSession.Create();
        ps.AddScript("$cred = [pscredential]::new('a', ([System.Net.NetworkCredential]::new('', 'b').SecurePassword)); " +
            "New-ThanosBucketConfig -S3 -Bucket thanos -Endpoint 127.0.0.1:9 -Credential $cred -Insecure | New-ThanosBucket");
        var e = ps.InvokeForError();
        Assert.Equal("EndpointUnreachable,ThanosLab.Cmdlets.NewThanosBucketCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, e.CategoryInfo.Category);
        Assert.Contains("127.0.0.1:9", e.Exception.Message);
    }

    [SkippableFact]
    public void FileSystemBucketDirectoryIsCreated()
    {
        using var dir = new TempDirectory();
        var target = dir.Combine("new-bucket");
        using var ps = PowerShellSession.Create();
        ps.AddScript($"New-ThanosBucketConfig -FileSystem -Directory '{target}' | New-ThanosBucket");
        Assert.Single(ps.Invoke<ThanosBucketConfig>());
        Assert.Empty(ps.Streams.Error);
        Assert.True(Directory.Exists(target));
    }

    [Theory]
    [InlineData("New-ThanosBucket -Bucket $config", "NewThanosBucketCommand")]
    [InlineData("Get-ThanosBlock -Bucket $config", "GetThanosBlockCommand")]
    [InlineData("Test-ThanosBucketUpload -Path $empty -Bucket $config", "TestThanosBucketUploadCommand")]
    public void AFileSystemBucketThatIsAFileIsSaidToBeAFile(string command, string cmdlet)
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("bucket.yaml");
        File.WriteAllText(file, "not a directory");
        Directory.CreateDirectory(dir.Combine("empty"));
        using var ps = PowerShellSession.Create();
        ps.AddScript($"$empty = '{dir.Combine("empty")}'; $config = New-ThanosBucketConfig -FileSystem -Directory '{file}'; {command}");
        var error = ps.InvokeForError();
        Assert.Equal($"BucketDirectoryIsAFile,ThanosLab.Cmdlets.{cmdlet}", error.FullyQualifiedErrorId);
        Assert.Contains($"'{file}' is a file, not a directory", error.Exception.Message);
        Assert.Equal("not a directory", File.ReadAllText(file));
    }
}
