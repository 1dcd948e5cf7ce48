using ThanosLab.Engine.Configuration;
using ThanosLab.Engine.IO;

namespace ThanosLab.Engine.Lab;

/// <summary>
/// The folder where ThanosLab keeps a lab's files: the configs it writes for components (mounted
/// into containers, owner-only because a bucket config holds a secret) and, for the process
/// runtime, pid files, state files and logs. Default <c>$HOME/.thanoslab/&lt;lab&gt;</c>.
/// </summary>
public sealed class LabStateDirectory
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public LabStateDirectory(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }

    /// <summary><c>$HOME/.thanoslab/&lt;lab&gt;</c>.</summary>
    public static string DefaultFor(string lab) =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".thanoslab", lab);

    /// <summary>Creates the folder (owner-only) when missing.</summary>
    public string Ensure(string? sub = null)
    {
        var path = sub is null ? Path : System.IO.Path.Combine(Path, sub);
        try
        {
            if (!Directory.Exists(path))
            {
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
                else Directory.CreateDirectory(path, OwnerOnlyDirectory);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.WriteError, "StateDirectoryUnusable",
                $"Cannot create the lab state folder '{path}': {e.Message}", path, "Give a writable folder with -StatePath.", e);
        }
        return path;
    }

    /// <summary>
    /// Writes the config a component mounts: <c>config/&lt;component&gt;.yaml</c>, readable by its
    /// owner only, via temp file and rename. Returns its path.
    /// </summary>
    public string WriteConfig(string component, IConfigDocument document)
    {
        Ensure("config");
        var path = ConfigPath(component, document.Kind);
        AtomicFile.WriteAllText(path, document.ToYaml(), OwnerOnlyFile);
        return path;
    }

    /// <summary>Where <see cref="WriteConfig"/> puts a component's config.</summary>
    public string ConfigPath(string component, ConfigKind kind) =>
        System.IO.Path.Combine(Path, "config", $"{component}.{(kind == ConfigKind.Prometheus ? "yml" : "yaml")}");
}
