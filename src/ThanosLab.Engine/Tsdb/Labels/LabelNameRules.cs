using System.Text;

namespace ThanosLab.Engine.Tsdb.Labels;

/// <summary>Prometheus' rules for label names (<c>[a-zA-Z_][a-zA-Z0-9_]*</c>) and values (valid UTF-8).</summary>
public static class LabelNameRules
{
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name)) return false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (i > 0 && c is >= '0' and <= '9');
            if (!ok) return false;
        }
        return true;
    }

    public static void Validate(string? name, string what = "label")
    {
        if (!IsValidName(name))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidLabelName",
                $"'{name}' is not a valid {what} name: a name starts with a letter or '_' and continues with letters, digits or '_' ([a-zA-Z_][a-zA-Z0-9_]*).",
                name);
        }
    }

    public static void ValidateValue(string name, string? value, string what = "label")
    {
        if (value is null)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidLabelValue",
                $"The {what} '{name}' has no value; give a string (an empty value removes a label in Prometheus, so it is not accepted either).", name);
        }
        if (value.Length == 0)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidLabelValue",
                $"The {what} '{name}' has an empty value; Prometheus treats an empty value as an absent label. Give a non-empty string.", name);
        }
        // Lone surrogates cannot be encoded as UTF-8, which Prometheus requires for every value.
        try
        {
            _ = new UTF8Encoding(false, true).GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidLabelValue",
                $"The value of {what} '{name}' is not valid Unicode text (it contains a lone surrogate); Prometheus accepts UTF-8 text only.", name);
        }
    }

    /// <summary>External labels additionally may not use reserved names.</summary>
    public static LabelSet ValidateExternal(LabelSet labels)
    {
        foreach (var l in labels)
        {
            if (l.Name == "__name__" || l.Name.StartsWith("__", StringComparison.Ordinal))
            {
                throw new ThanosLabException(ErrorKind.InvalidArgument, "ReservedExternalLabel",
                    $"'{l.Name}' cannot be an external label: names beginning with '__' (such as __name__) are reserved for Prometheus' internal use. Use a plain name such as 'cluster' or 'replica'.",
                    l.Name);
            }
        }
        return labels;
    }
}
