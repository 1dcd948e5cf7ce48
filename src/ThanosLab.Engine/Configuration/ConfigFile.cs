using ThanosLab.Engine.IO;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Engine.Configuration;

/// <summary>Reading configuration files: their text, and which kind of configuration they hold.</summary>
public static class ConfigFile
{
    private static readonly string[] PrometheusKeys =
    {
        "global", "scrape_configs", "rule_files", "alerting", "remote_write", "remote_read", "storage", "tracing", "scrape_config_files",
    };

    /// <summary>The most a configuration file may hold; the tutorial's files are a few hundred bytes.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>The kind, from the top-level keys; null when the YAML is neither an objstore nor a Prometheus configuration.</summary>
    /// <param name="source">Names the input in errors.</param>
    public static ConfigKind? Detect(string yaml, string source = "the YAML")
    {
        if (ObjstoreConfigYaml.LooksLikeObjstoreConfig(yaml, source)) return ConfigKind.Bucket;
        var keys = ObjstoreConfigYaml.TopLevelKeys(yaml, source);
        return keys.Count > 0 && keys.All(k => PrometheusKeys.Contains(k, StringComparer.Ordinal)) ? ConfigKind.Prometheus : null;
    }

    /// <summary>A configuration file's text, at most <see cref="MaxFileBytes"/>, with errors that name the file.</summary>
    public static string ReadText(string path)
    {
        try
        {
            return BoundedFile.ReadAllText(path, MaxFileBytes, "The configuration file", "ConfigFileTooLarge");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ThanosLabException(ErrorKind.ObjectNotFound, "ConfigFileNotFound", $"The configuration file '{path}' does not exist.", path, null, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.ReadError, "ConfigFileReadFailed", $"Cannot read the configuration file '{path}': {e.Message}", path, null, e);
        }
    }
}
