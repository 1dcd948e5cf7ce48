using ThanosLab.Engine.Yaml;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// Thanos' FILESYSTEM objstore configuration: a bucket kept in a local directory (formats.md §14).
/// </summary>
public sealed class FileSystemBucketConfig : BucketConfig
{
    /// <param name="directory">The bucket directory; made absolute against the current directory, as Thanos does.</param>
    /// <param name="prefix">Key prefix; leading and trailing '/' are dropped.</param>
    public FileSystemBucketConfig(string directory, string prefix = "")
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "MissingBucketDirectory",
                "A FILESYSTEM bucket needs a directory (config.directory).", directory,
                "Give -Directory, or 'directory:' under 'config:' in the YAML.");
        }
        Directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        Prefix = ObjectKey.ConfigPrefix(prefix);
    }

    public const string TypeName = "FILESYSTEM";

    public override string Type => TypeName;

    /// <summary>The bucket directory, absolute.</summary>
    public string Directory { get; }

    public override string Location => Prefix.Length == 0 ? Directory : Directory + "/" + Prefix;

    public override bool ContainsSecret => false;

    public override string ToYaml() =>
        new YamlDocumentWriter().Entry("type", TypeName).String("config").BeginMapping().Entry("directory", Directory).EndMapping()
            .String("prefix").Quoted(Prefix).ToString();

    public override IBucket Open() => new FileSystemBucket(Directory, Prefix);
}
