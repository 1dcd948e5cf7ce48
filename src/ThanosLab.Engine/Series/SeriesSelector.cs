using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Series;

/// <summary>A PromQL series selector (<c>metric{label="value", ...}</c>): the series whose labels all matchers accept.</summary>
public sealed class SeriesSelector
{
    public SeriesSelector(IReadOnlyList<LabelMatcher> matchers) => Matchers = matchers;

    /// <summary>Every series.</summary>
    public static SeriesSelector All { get; } = new(Array.Empty<LabelMatcher>());

    public IReadOnlyList<LabelMatcher> Matchers { get; }

    public bool Matches(LabelSet labels) => Matchers.All(m => m.Matches(labels.Get(m.Name)));

    /// <summary>Parses <paramref name="text"/>; see <see cref="SeriesSelectorParser"/>.</summary>
    public static SeriesSelector Parse(string text) => SeriesSelectorParser.Parse(text);

    public override string ToString() => "{" + string.Join(", ", Matchers) + "}";
}
