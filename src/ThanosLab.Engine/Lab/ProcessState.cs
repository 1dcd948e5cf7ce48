using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThanosLab.Engine.Lab;

/// <summary>
/// What the process runtime records beside a pid file (<c>&lt;name&gt;.json</c>): enough to find,
/// wait for and identify the process in a later session.
/// </summary>
public sealed record ProcessState
{
    public required string Name { get; init; }
    public required ComponentKind Kind { get; init; }
    public required string Lab { get; init; }
    public required string Binary { get; init; }
    public required int HttpPort { get; init; }
    public int? GrpcPort { get; init; }
    public required string SpecHash { get; init; }
    public required string ReadinessPath { get; init; }
    public string? DataPath { get; init; }

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>The state in <paramref name="path"/>, or null when it is missing or not ours (never trusted blindly).</summary>
    public static ProcessState? TryRead(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > 64 * 1024) return null;
            return JsonSerializer.Deserialize<ProcessState>(File.ReadAllText(path), Options);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
