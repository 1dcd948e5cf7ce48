namespace ThanosLab.Engine.Prometheus;

/// <summary>
/// Thanos querier options of a query (Prometheus ignores them): deduplication over the replica
/// label, partial responses, the downsampling resolution to read, and store matchers.
/// </summary>
public sealed record QueryOptions
{
    /// <summary>The <c>max_source_resolution</c> values the querier accepts.</summary>
    public static readonly IReadOnlyList<string> SourceResolutions = new[] { "0s", "5m", "1h", "auto" };

    public static readonly QueryOptions None = new();

    /// <summary><c>dedup</c>; null sends nothing (the querier deduplicates by default).</summary>
    public bool? Deduplicate { get; init; }

    /// <summary><c>partial_response</c>; null leaves the querier's default.</summary>
    public bool? PartialResponse { get; init; }

    /// <summary><c>max_source_resolution</c>: 0s, 5m, 1h or auto.</summary>
    public string? MaxSourceResolution { get; init; }

    /// <summary><c>storeMatch[]</c> selectors, such as <c>{__address__="127.0.0.1:19191"}</c>.</summary>
    public IReadOnlyList<string> StoreMatch { get; init; } = Array.Empty<string>();

    /// <summary>The query's own evaluation <c>timeout</c>; null leaves the server's.</summary>
    public TimeSpan? EvaluationTimeout { get; init; }

    /// <summary>
    /// A store matcher as the querier takes it: a series selector such as <c>{__address__=~"127.0.0.1:1919.*"}</c>,
    /// or, as the tutorial's Stores page speaks of stores, a bare address (<c>127.0.0.1:19191</c>) that
    /// becomes <c>{__address__="127.0.0.1:19191"}</c>.
    /// </summary>
    public static string StoreMatcher(string value)
    {
        var v = value.Trim();
        if (v.StartsWith('{')) return v;
        if (v.Length == 0 || v.Any(c => char.IsWhiteSpace(c) || c is '"' or '\\' or '{' or '}' or '='))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidStoreMatch",
                $"'{value}' is not a store matcher: give a store address such as 127.0.0.1:19191 or a selector such as {{__address__=\"127.0.0.1:19191\"}}.", value);
        }
        return $"{{__address__=\"{v}\"}}";
    }

    internal IEnumerable<KeyValuePair<string, string>> ToForm()
    {
        if (Deduplicate is { } d) yield return new("dedup", d ? "true" : "false");
        if (PartialResponse is { } p) yield return new("partial_response", p ? "true" : "false");
        if (MaxSourceResolution is { } r)
        {
            if (!SourceResolutions.Contains(r, StringComparer.Ordinal))
            {
                throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidMaxSourceResolution",
                    $"'{r}' is not a max source resolution; the querier accepts {string.Join(", ", SourceResolutions)}.", r);
            }
            yield return new("max_source_resolution", r);
        }
        foreach (var m in StoreMatch) yield return new("storeMatch[]", StoreMatcher(m));
        if (EvaluationTimeout is { } t) yield return new("timeout", PrometheusTime.FormatSeconds(t));
    }
}
