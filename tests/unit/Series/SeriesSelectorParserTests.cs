using ThanosLab.Engine;
using ThanosLab.Engine.Series;
using ThanosLab.Engine.Tsdb.Labels;
using Xunit;

namespace ThanosLab.Tests.Series;

/// <summary>PromQL series selectors: what parses, what matches, and errors that name the position.</summary>
public class SeriesSelectorParserTests
{
    private static LabelSet Labels(params (string, string)[] labels) => LabelSet.Create(labels.Select(l => new Label(l.Item1, l.Item2)));

    [Theory]
    [InlineData("continuous_app_metric0", "{__name__=\"continuous_app_metric0\"}")]
    [InlineData("  up  ", "{__name__=\"up\"}")]
    [InlineData("job:rate5m{a!=\"b\"}", "{__name__=\"job:rate5m\", a!=\"b\"}")]
    [InlineData("{__name__=~\"k8s.*\", app=\"x\",}", "{__name__=~\"k8s.*\", app=\"x\"}")]
    [InlineData("{a='single', b=`raw\\n`, c!~\"x|y\"}", "{a=\"single\", b=\"raw\\\\n\", c!~\"x|y\"}")]
    [InlineData("m{a=\"tab\\there\\u00e9\\x41\\101\"}", "{__name__=\"m\", a=\"tab\there\u00e9AA\"}")]
    public void Parses(string text, string expected) => Assert.Equal(expected, SeriesSelector.Parse(text).ToString());

    [Fact]
    public void MatchesLikePromQL()
    {
        var s = SeriesSelector.Parse("{__name__=~\"k8s.*\", app=\"x\", missing=\"\", zone!~\"eu.*\"}");
        Assert.True(s.Matches(Labels(("__name__", "k8s_app_metric1"), ("app", "x"))));
        Assert.False(s.Matches(Labels(("__name__", "xk8s"), ("app", "x"))));
        Assert.False(s.Matches(Labels(("__name__", "k8s_a"), ("app", "x"), ("zone", "eu1"))));
        Assert.False(s.Matches(Labels(("__name__", "k8s_a"), ("app", "x"), ("missing", "here"))));
        // Regular expressions are anchored.
        Assert.False(SeriesSelector.Parse("{a=~\"b\"}").Matches(Labels(("a", "abc"))));
    }

    [Theory]
    [InlineData("", 1, "expected a metric name or '{', found the end")]
    [InlineData("up{job=\"a\"", 11, "expected ',' or '}', found the end")]
    [InlineData("up{job==\"a\"}", 8, "expected a quoted string, found '='")]
    [InlineData("up{job~\"a\"}", 7, "expected one of =, !=, =~, !~, found '~'")]
    [InlineData("up{1job=\"a\"}", 4, "expected a label name or '}', found '1'")]
    [InlineData("up{job=\"a}", 8, "has no closing \"")]
    [InlineData("up job", 4, "expected the end of the selector, found 'j'")]
    [InlineData("{job=~\".*\"}", 1, "at least one matcher that does not match the empty string")]
    [InlineData("{job=~\"(\"}", 7, "does not parse")]
    [InlineData("{job=\"\\q\"}", 7, "'\\q' is not an escape sequence")]
    public void ErrorsNameThePosition(string text, int position, string problem)
    {
        var e = Assert.Throws<ThanosLabException>(() => SeriesSelector.Parse(text));
        Assert.Equal("InvalidSeriesSelector", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains($"at position {position}:", e.Message);
        Assert.Contains(problem, e.Message);
    }
}
