namespace ThanosLab.Engine.Tsdb.Meta;

/// <summary>
/// Block names are strict ULIDs (formats.md §2): 26 Crockford base32 characters, case-insensitive,
/// the first at most '7' (128 bits in 130). Prometheus ignores directories with any other name.
/// </summary>
public static class BlockUlid
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static bool IsStrict(string text)
    {
        if (text.Length != 26 || text[0] > '7')
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!Alphabet.Contains(char.ToUpperInvariant(c), StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public static bool TryParse(string text, out Ulid ulid)
    {
        ulid = default;
        return IsStrict(text) && Ulid.TryParse(text.ToUpperInvariant(), out ulid);
    }

    /// <summary>A block id as given by a person, in upper case; anything but a strict ULID is InvalidBlockId.</summary>
    public static string RequireId(string text)
    {
        if (!IsStrict(text))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidBlockId",
                $"'{text}' is not a block id: a block id is a 26-character ULID such as 01HK2M7J3QW8D5T1X0ZC9B6N4E.", text);
        }
        return text.ToUpperInvariant();
    }
}
