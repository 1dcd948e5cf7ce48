using System.Management.Automation;
using ThanosLab.Engine.Objstore;
using ThanosLab.Tests.Infrastructure;
using ThanosLab.Tests.Objstore;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>New-ThanosBucketConfig -S3, Export-ThanosConfig and Import-ThanosConfig on real files (Unix modes checked).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ConfigFileCommandsTests
{
    private const string Secret = "melovethanos-Secret-42";

    private static string CredentialScript(string user = "minio", string secret = Secret) =>
        $"$cred = [pscredential]::new('{user}', ([System.Net.NetworkCredential]::new('', '{secret}').SecurePassword)); ";

    [Fact]
    public void S3ConfigFromParametersHoldsEverySetting()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript(CredentialScript() + "New-ThanosBucketConfig -S3 -Bucket thanos -Endpoint 127.0.0.1:9000 -Region eu-west-1 -Credential $cred -Insecure -SignatureVersion2 -Prefix lab1 -InsecureSkipVerify -SseType SSE-KMS -SseKmsKeyId k1 -PartSize 16777216 -ListObjectsVersion v1 -BucketLookupType path");
        var config = Assert.Single(ps.Invoke<ThanosBucketConfig>());
        Assert.Empty(ps.Streams.Error);
        Assert.Equal("S3", config.Type);
        Assert.Equal("s3://thanos/lab1", config.Location);
        Assert.Equal("lab1", config.Prefix);
        var s3 = Assert.IsType<S3BucketConfig>(config.Config);
        Assert.Equal(("minio", Secret), (s3.AccessKey, s3.SecretKey!.Reveal()));
        Assert.True(s3.Insecure && s3.SignatureVersion2 && s3.HttpConfig.InsecureSkipVerify);
        Assert.Equal(("eu-west-1", "SSE-KMS", "k1", 16777216L, "v1", "path"),
            (s3.Region, s3.SseConfig.Type, s3.SseConfig.KmsKeyId, s3.PartSize, s3.ListObjectsVersion, s3.BucketLookupType));
        Assert.DoesNotContain(Secret, config.ToString());
    }

    [Theory]
    [InlineData("-Endpoint http://127.0.0.1:9000", "EndpointHasScheme", "-Insecure")]
    [InlineData("-Endpoint 127.0.0.1:9000 -SseType SSE-KMS", "InvalidSseConfig", "kms_key_id")]
    [InlineData("-Endpoint 127.0.0.1:9000 -PartSize 100", "InvalidPartSize", "100")]
    public void BadS3SettingsAreErrorsNamingTheValue(string args, string errorId, string mention)
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript(CredentialScript() + $"New-ThanosBucketConfig -S3 -Bucket thanos -Credential $cred {args}");
        var e = ps.InvokeForError();
        Assert.Equal($"{errorId},ThanosLab.Cmdlets.NewThanosBucketConfigCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains(mention, e.Exception.Message + " " + e.ErrorDetails?.RecommendedAction);
        Assert.DoesNotContain(Secret, e.ToString());
    }

    [Fact]
    public void ExportWritesOwnerOnlyYamlThatImportsBackAndNeverLogsTheSecret()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("bucket_storage.yaml");
        using var ps = PowerShellSession.Create();
        ps.AddScript(CredentialScript() + $"New-ThanosBucketConfig -S3 -Bucket thanos -Endpoint 127.0.0.1:9000 -Credential $cred -Insecure -SignatureVersion2 -Verbose -Debug | Export-ThanosConfig -Path '{path}' -PassThru -Verbose -Debug");
        var file = Assert.Single(ps.Invoke<FileInfo>());
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(path, file.FullName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.NotEmpty(ps.Streams.Verbose);
        foreach (var record in ps.Streams.Verbose.Cast<object>().Concat(ps.Streams.Debug).Concat(ps.Streams.Information).Concat(ps.Streams.Warning))
        {
            Assert.DoesNotContain(Secret, record.ToString());
        }
        var yaml = File.ReadAllText(path);
        Assert.Contains($"secret_key: {Secret}", yaml);
        Assert.Equal(yaml, ObjstoreConfigYaml.ReadFile(path).ToYaml());
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));

        using var ps2 = PowerShellSession.Create();
        ps2.AddScript($"Import-ThanosConfig -Path '{path}'");
        var imported = Assert.Single(ps2.Invoke<ThanosBucketConfig>());
        Assert.Equal("s3://thanos", imported.Location);
        Assert.Equal(Secret, ((S3BucketConfig)imported.Config).SecretKey!.Reveal());
    }

    [Fact]
    public void TutorialFileImportsAndReExportsTheSameKeysAndValues()
    {
        using var dir = new TempDirectory();
        var source = dir.Combine("bucket_storage.yaml");
        var again = dir.Combine("again.yaml");
        File.WriteAllText(source, TutorialFiles.BucketStorage);
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Import-ThanosConfig -Path '{source}' | Export-ThanosConfig -Path '{again}'");
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        var expected = ObjstoreConfigYamlTests.Flatten(TutorialFiles.BucketStorage).Append(("prefix", "")).OrderBy(x => x.Item1);
        Assert.Equal(expected, ObjstoreConfigYamlTests.Flatten(File.ReadAllText(again)).OrderBy(x => x.Item1));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(again));
    }

    [Fact]
    public void ExistingFileNeedsForceAndWhatIfWritesNothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("fs.yaml");
        File.WriteAllText(path, "old");
        using var ps = PowerShellSession.Create();
        ps.AddScript($"New-ThanosBucketConfig -FileSystem -Directory '{dir.Path}' | Export-ThanosConfig -Path '{path}'");
        var e = ps.InvokeForError();
        Assert.Equal("ConfigFileExists,ThanosLab.Cmdlets.ExportThanosConfigCommand", e.FullyQualifiedErrorId);
        Assert.Contains("-Force", e.ErrorDetails.RecommendedAction);
        Assert.Equal("old", File.ReadAllText(path));

        using var whatIf = PowerShellSession.Create();
        whatIf.AddScript($"New-ThanosBucketConfig -FileSystem -Directory '{dir.Path}' | Export-ThanosConfig -Path '{path}' -Force -WhatIf");
        whatIf.Invoke();
        Assert.Equal("old", File.ReadAllText(path));

        using var force = PowerShellSession.Create();
        force.AddScript($"New-ThanosBucketConfig -FileSystem -Directory '{dir.Path}' | Export-ThanosConfig -Path '{path}' -Force");
        force.Invoke();
        Assert.Empty(force.Streams.Error);
        Assert.Equal($"type: FILESYSTEM\nconfig:\n  directory: {dir.Path}\nprefix: \"\"\n", File.ReadAllText(path));
        // No secret, so no reason to hide it from other readers.
        Assert.NotEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void PrometheusConfigExportsAndImportsBackToTheSameYaml()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("prometheus0_eu1.yml");
        using var ps = PowerShellSession.Create();
        ps.AddScript($@"$c = New-ThanosPrometheusConfig -ScrapeInterval '5s' -IncludeLabComponents -ExternalLabel ([ordered]@{{ cluster = 'eu1'; replica = '0'; tenant = 'team-eu' }})
$c | Export-ThanosConfig -Path '{path}' | Out-Null
$back = Import-ThanosConfig -Path '{path}'
$back.GetType().Name
(([ThanosLab.IThanosConfig]$back).Document.ToYaml()) -ceq [IO.File]::ReadAllText('{path}')");
        var result = ps.Invoke().Select(o => o.ToString()).ToArray();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(new[] { "ThanosPrometheusConfig", "True" }, result);
    }

    [Fact]
    public void ImportingAPrometheusConfigWithAnUnknownKeyNamesTheKey()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("prometheus.yml");
        File.WriteAllText(path, "global:\n  scrape_interval: 5s\n  scrape_intervall: 5s\nscrape_configs:\n- job_name: prometheus\n  static_configs:\n  - targets: [127.0.0.1:9090]\n");
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Import-ThanosConfig -Path '{path}'");
        var e = ps.InvokeForError();
        Assert.Contains("scrape_intervall", e.Exception.Message);
    }

    [Theory]
    [InlineData("type: S3\nconfig:\n  bucket: thanos\n  endpoint: a:9000\n  secret_key: hidden-one\n  access_key: a\n  colour: blue\n", "InvalidObjstoreConfig", "'colour'")]
    [InlineData("just: something\n", "UnknownConfigKind", "neither")]
    public void ImportingABadFileNamesTheProblem(string content, string errorId, string mention)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("bad.yaml");
        File.WriteAllText(path, content);
        using var ps = PowerShellSession.Create();
        ps.AddScript($"Import-ThanosConfig -Path '{path}'");
        var e = ps.InvokeForError();
        Assert.Equal($"{errorId},ThanosLab.Cmdlets.ImportThanosConfigCommand", e.FullyQualifiedErrorId);
        Assert.Contains(mention, e.Exception.Message);
        Assert.Contains(path, e.Exception.Message);
        Assert.DoesNotContain("hidden-one", e.ToString());
    }

    [Fact]
    public void ImportingAMissingFileIsObjectNotFound()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("Import-ThanosConfig -Path /nonexistent/thanoslab/bucket.yaml");
        var e = ps.InvokeForError();
        Assert.Equal("PathNotFound,ThanosLab.Cmdlets.ImportThanosConfigCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
    }
}
