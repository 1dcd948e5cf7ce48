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
        AtomicFile.WriteAllText(path, document.ToYaml(), ownerOnly: true);
        return path;
    }

    /// <summary>
    /// A fingerprint of config texts, keyed with a random key kept owner-only in this folder: it
    /// tells configs apart in a container label without letting anyone who reads the label
    /// guess a secret inside them.
    /// </summary>
    public string Fingerprint(IEnumerable<string> texts)
    {
        Ensure();
        var keyPath = System.IO.Path.Combine(Path, ".fingerprint-key");
        if (!File.Exists(keyPath))
        {
            AtomicFile.WriteAllBytes(keyPath, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), ownerOnly: true);
        }
        using var hmac = new System.Security.Cryptography.HMACSHA256(File.ReadAllBytes(keyPath));
        var hash = hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes(string.Join("\n---\n", texts)));
        return Convert.ToHexString(hash, 0, 8).ToLowerInvariant();
    }

    /// <summary>Where <see cref="WriteConfig"/> puts a component's config.</summary>
    public string ConfigPath(string component, ConfigKind kind) =>
        System.IO.Path.Combine(Path, "config", $"{component}.{(kind == ConfigKind.Prometheus ? "yml" : "yaml")}");
}
