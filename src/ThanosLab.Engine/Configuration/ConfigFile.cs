using ThanosLab.Engine.IO;

namespace ThanosLab.Engine.Configuration;

/// <summary>Reading configuration files: their text, bounded, with errors that name the file.</summary>
public static class ConfigFile
{
    /// <summary>The most a configuration file may hold; the tutorial's files are a few hundred bytes.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

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
