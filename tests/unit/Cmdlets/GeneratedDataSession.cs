using System.Management.Automation;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>
/// A session with $data (the 9 blocks of continuous-30d-tiny with cluster="one", in &lt;dir&gt;/data) and,
/// for each name given, an existing FILESYSTEM bucket in &lt;dir&gt;/&lt;name&gt; as the variable $&lt;name&gt;.
/// </summary>
internal static class GeneratedDataSession
{
    public static PowerShell Create(TempDirectory dir, out string[] ids, params string[] buckets)
    {
        var script = $"$data = '{dir.Combine("data")}'; ";
        foreach (var name in buckets)
        {
            Directory.CreateDirectory(dir.Combine(name));
            script += $"${name} = New-ThanosBucketConfig -FileSystem -Directory '{dir.Combine(name)}'; ";
        }
        var ps = PowerShellSession.Create();
        ps.AddScript(script + "(New-ThanosBlockData -Profile continuous-30d-tiny -Label @{cluster='one'} -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory $data).Id");
        ids = ps.Invoke().Select(o => (string)o.BaseObject).ToArray();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(9, ids.Length);
        ps.Commands.Clear();
        return ps;
    }
}
