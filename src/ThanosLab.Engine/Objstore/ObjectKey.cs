namespace ThanosLab.Engine.Objstore;

/// <summary>
/// Rules for object keys and key prefixes. Keys come from users and from bucket listings (untrusted),
/// and the FileSystem bucket turns them into paths, so anything that could name a path outside the
/// bucket — '..', '.', absolute paths, backslashes, empty segments — is rejected rather than cleaned.
/// </summary>
public static class ObjectKey
{
    private const string Accepted = "Keys are '/'-separated names such as 01ARZ3NDEKTSV4RRFFQ69G5FAV/meta.json, without '..', '.', empty segments, backslashes or a leading '/'.";

    /// <summary>Validates the key of an object (no trailing '/').</summary>
    public static string Validate(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw Invalid(key, "is empty");
        }
        if (key.EndsWith('/'))
        {
            throw Invalid(key, "ends with '/', which names a directory level, not an object");
        }
        CheckSegments(key);
        return key;
    }

    /// <summary>
    /// Validates a listing prefix and returns it as a directory level: "" for the whole bucket,
    /// otherwise ending in '/' (objstore treats "a" and "a/" alike).
    /// </summary>
    public static string DirectoryPrefix(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix)) return "";
        var trimmed = prefix.EndsWith('/') ? prefix[..^1] : prefix;
        if (trimmed.Length == 0) throw Invalid(prefix, "is only '/'; use \"\" for the whole bucket");
        CheckSegments(trimmed);
        return trimmed + "/";
    }

    /// <summary>
    /// Validates the prefix of a bucket configuration and returns it without leading or trailing '/'
    /// (Thanos trims them too).
    /// </summary>
    public static string ConfigPrefix(string? prefix)
    {
        var trimmed = (prefix ?? "").Trim('/');
        if (trimmed.Length == 0) return "";
        try
        {
            CheckSegments(trimmed);
        }
        catch (ThanosLabException e)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidBucketPrefix",
                $"The bucket prefix '{prefix}' is not valid: {e.Message}", prefix);
        }
        return trimmed;
    }

    private static void CheckSegments(string key)
    {
        if (key.StartsWith('/')) throw Invalid(key, "is absolute (starts with '/')");
        if (key.Contains('\\')) throw Invalid(key, "contains a backslash");
        if (key.Any(char.IsControl)) throw Invalid(key, "contains a control character");
        foreach (var segment in key.Split('/'))
        {
            switch (segment)
            {
                case "": throw Invalid(key, "has an empty segment ('//')");
                case ".": throw Invalid(key, "has a '.' segment");
                case "..": throw Invalid(key, "has a '..' segment");
            }
        }
    }

    private static ThanosLabException Invalid(string key, string why) =>
        new(ErrorKind.InvalidArgument, "InvalidObjectKey", $"The object key '{Printable(key)}' {why}. {Accepted}", key);

    private static string Printable(string key) =>
        new(key.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
