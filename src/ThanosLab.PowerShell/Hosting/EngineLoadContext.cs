using System.Reflection;
using System.Runtime.Loader;

namespace ThanosLab.Hosting;

/// <summary>
/// The private load context for ThanosLab.Engine and its dependencies (AWSSDK, YamlDotNet,
/// Docker.DotNet), so a session that already loaded other versions of them (AWS.Tools,
/// powershell-yaml) keeps working.
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    private readonly string _directory;

    public EngineLoadContext(string directory)
        : base("ThanosLab", isCollectible: false)
    {
        _directory = directory;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Only what ships in dependencies/ loads here; returning null hands everything else
        // (the BCL, System.Management.Automation) to the default context.
        var path = Path.Combine(_directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = Path.Combine(_directory, unmanagedDllName);
        return File.Exists(path) ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
    }
}
