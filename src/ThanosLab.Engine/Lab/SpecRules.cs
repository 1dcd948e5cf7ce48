using System.Text.RegularExpressions;

namespace ThanosLab.Engine.Lab;

/// <summary>Checks shared by every spec builder; each failure names the bad value and what is accepted.</summary>
internal static partial class SpecRules
{
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$")]
    private static partial Regex NamePattern();

    public static string Name(string name)
    {
        if (!NamePattern().IsMatch(name ?? ""))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidComponentName",
                $"The component name '{name}' is not valid: use 1 to 128 letters, digits, '_', '.' or '-', starting with a letter or digit (Docker's container name rule).",
                name, "Choose a name such as prometheus-0-eu1.");
        }
        return name!;
    }

    public static int Port(int port, string what)
    {
        if (port is < 1 or > 65535)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidPort",
                $"The {what} port {port} is outside 1-65535.", port, "Give a TCP port between 1 and 65535.");
        }
        return port;
    }

    public static IReadOnlyList<int> DistinctPorts(params int[] ports)
    {
        if (ports.Distinct().Count() != ports.Length)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "DuplicatePort",
                $"The component would listen twice on the same port ({string.Join(", ", ports)}).", ports,
                "Give the HTTP and gRPC servers different ports.");
        }
        return ports;
    }

    public static string Image(string image)
    {
        if (string.IsNullOrWhiteSpace(image) || image.Any(char.IsWhiteSpace))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidImage",
                $"The image reference '{image}' is not valid: it must be a non-empty reference without spaces, such as {DefaultImages.Thanos}.",
                image, "Give an image reference such as repository:tag.");
        }
        return image;
    }

    public static string HostPath(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "PathNotAbsolute",
                $"The {what} path '{path}' must be absolute (Docker bind mounts need absolute host paths).", path,
                "Resolve the path before building the spec.");
        }
        return path;
    }
}
