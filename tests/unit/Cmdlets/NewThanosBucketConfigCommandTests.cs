using System.Management.Automation;
using ThanosLab.Engine.Objstore;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

public class NewThanosBucketConfigCommandTests
{
    [Fact]
    public void FileSystemResolvesTheDirectoryAgainstTheCurrentLocation()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"$null = $ExecutionContext.SessionState.Path.SetLocation('{dir.Path}'); New-ThanosBucketConfig -FileSystem -Directory ./bucket -Prefix tenant");
        var config = Assert.Single(ps.Invoke<ThanosBucketConfig>());
        Assert.Empty(ps.Streams.Error);
        Assert.Equal("FILESYSTEM", config.Type);
        Assert.Equal("tenant", config.Prefix);
        Assert.Equal(dir.Combine("bucket") + "/tenant", config.Location);
        var fs = Assert.IsType<FileSystemBucketConfig>(config.Config);
        Assert.Equal(dir.Combine("bucket"), fs.Directory);
    }

    [Fact]
    public void FileSystemTakesDirectoriesFromThePipeline()
    {
        using var dir = new TempDirectory();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"[IO.DirectoryInfo]::new('{dir.Path}') | New-ThanosBucketConfig -FileSystem");
        var config = Assert.Single(ps.Invoke<ThanosBucketConfig>());
        Assert.Equal(dir.Path, config.Location);
    }

    [Fact]
    public void BadPrefixIsAnErrorNamingIt()
    {
        using var ps = PowerShellSession.Create();
        ps.AddScript("New-ThanosBucketConfig -FileSystem -Directory /tmp/b -Prefix 'a/../b'");
        var e = ps.InvokeForError();
        Assert.Equal("InvalidBucketPrefix,ThanosLab.Cmdlets.NewThanosBucketConfigCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains("a/../b", e.Exception.Message);
    }
}
