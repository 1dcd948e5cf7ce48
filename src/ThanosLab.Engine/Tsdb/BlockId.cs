namespace ThanosLab.Engine.Tsdb;

/// <summary>
/// The strict ULID check Prometheus and Thanos apply to block directory names and bucket key
/// prefixes (formats.md §2): 26 Crockford base32 characters, first one 0–7. Anything else is not a
/// block, whatever a lenient parser would make of it.
/// </summary>
public static class BlockId
{
    public const int Length = 26;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static bool IsValid(string? text)
    {
        if (text is null || text.Length != Length) return false;
        if (text[0] is < '0' or > '7') return false;
        foreach (var ch in text)
        {
            if (Alphabet.IndexOf(char.ToUpperInvariant(ch)) < 0) return false;
        }
        return true;
    }
}
