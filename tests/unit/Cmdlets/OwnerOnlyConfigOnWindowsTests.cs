using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>
/// Export-ThanosConfig on Windows: a config holding a secret gets an ACL of the current user alone,
/// not the folder's inherited entries (on Unix ConfigFileCommandsTests checks mode 0600). Runs on
/// Windows only; there is no Windows machine in this project's CI.
/// </summary>
public sealed class OwnerOnlyConfigOnWindowsTests
{
    [SkippableFact]
    public void AnExportedBucketConfigIsReadableByItsOwnerAlone()
    {
        Skip.IfNot(OperatingSystem.IsWindows(), "Windows ACLs");
        if (OperatingSystem.IsWindows()) AssertOwnerOnly();
    }

    [SupportedOSPlatform("windows")]
    private static void AssertOwnerOnly()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("bucket_storage.yaml");
        using var ps = PowerShellSession.Create();
        ps.AddScript("$cred = [pscredential]::new('minio', ([System.Net.NetworkCredential]::new('', 'melovethanos').SecurePassword)); " +
            $"New-ThanosBucketConfig -S3 -Bucket thanos -Endpoint 127.0.0.1:9000 -Credential $cred -Insecure | Export-ThanosConfig -Path '{path}'");
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        var acl = new FileInfo(path).GetAccessControl();
        Assert.True(acl.AreAccessRulesProtected);
        using var identity = WindowsIdentity.GetCurrent();
        var rule = Assert.Single(acl.GetAccessRules(includeExplicit: true, includeInherited: true, typeof(SecurityIdentifier)).Cast<FileSystemAccessRule>());
        Assert.Equal(identity.User, rule.IdentityReference);
        Assert.Equal(AccessControlType.Allow, rule.AccessControlType);
    }
}
