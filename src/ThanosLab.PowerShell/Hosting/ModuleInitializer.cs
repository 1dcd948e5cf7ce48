using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace ThanosLab.Hosting;

/// <summary>
/// Routes the one assembly this module's cmdlets reference directly, ThanosLab.Engine, into
/// <see cref="EngineLoadContext"/>; the engine's own references then resolve inside that context.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private const string EngineName = "ThanosLab.Engine";
    private static readonly object Gate = new();
    private static EngineLoadContext? _context;
    private static string? _dependencies;

    /// <summary>
    /// Runs as soon as ThanosLab.dll loads: PowerShell reflects over the cmdlets' parameter types
    /// (some are engine types) before it calls <see cref="OnImport"/>, so that would be too late.
    /// </summary>
#pragma warning disable CA2255 // A binary module is exactly the case that needs the resolver before any type is touched.
    [System.Runtime.CompilerServices.ModuleInitializer]
#pragma warning restore CA2255
    internal static void InstallResolver()
    {
        lock (Gate)
        {
            if (_context is null)
            {
                var root = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
                _dependencies = Path.Combine(root, "dependencies");
                // In a build output (tests) the engine sits beside us and loads normally.
                if (!File.Exists(Path.Combine(_dependencies, EngineName + ".dll"))) return;
                _context = new EngineLoadContext(_dependencies);
            }
            AssemblyLoadContext.Default.Resolving -= ResolveEngine;
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }
    }

    public void OnImport() => InstallResolver();

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        AssemblyLoadContext.Default.Resolving -= ResolveEngine;
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        // Answer only for the engine, and only from a file that exists: forwarding anything else
        // to the private context would bounce back here and recurse until the stack overflows.
        if (!string.Equals(name.Name, EngineName, StringComparison.Ordinal) || _context is null) return null;
        var path = Path.Combine(_dependencies!, EngineName + ".dll");
        return File.Exists(path) ? _context.LoadFromAssemblyPath(path) : null;
    }
}
