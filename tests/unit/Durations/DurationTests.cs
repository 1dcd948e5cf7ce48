using ThanosLab.Engine;
using ThanosLab.Engine.Durations;
using ThanosLab.Engine.Generation;
using Xunit;

namespace ThanosLab.Tests.Durations;

public class DurationTests
{
    [Theory]
    [InlineData(15_000, "15s")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(500, "500ms")]
    [InlineData(0, "0s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(-60_000, "-1m0s")]
    public void GoDurationFormatsLikeGo(long ms, string expected)
    {
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(ms)));
        Assert.True(GoDuration.TryParse(expected, out var back));
        Assert.Equal(TimeSpan.FromMilliseconds(ms), back);
    }

    [Theory]
    [InlineData("400d", 400 * 86_400_000L)]
    [InlineData("1d12h", 36 * 3_600_000L)]
    [InlineData("5m", 300_000L)]
    [InlineData("1y", 365 * 86_400_000L)]
    [InlineData("2w", 14 * 86_400_000L)]
    [InlineData("1h0m0s", 3_600_000L)]
    [InlineData("0", 0L)]
    public void PrometheusDurationsParse(string text, long ms)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(ms), PrometheusDuration.Parse(text, "x"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("h1")]
    [InlineData("1x")]
    [InlineData("-5m")]
    public void BadPrometheusDurationsAreRejected(string text)
    {
        var e = Assert.Throws<ThanosLabException>(() => PrometheusDuration.Parse(text, "retention"));
        Assert.Contains("retention", e.Message);
    }

    [Theory]
    [InlineData("2562048h")]
    [InlineData("9223372036.854775808s")]
    [InlineData("99999999999999999999999999999h")]
    [InlineData("79228162514264337593543950335h")]
    public void GoDurationsBeyondGosRangeAreOutOfRangeErrors(string text)
    {
        var e = Assert.Throws<ThanosLabException>(() => GoDuration.Parse(text, "scrape interval"));
        Assert.Equal("DurationOutOfRange", e.ErrorId);
        Assert.Contains(text, e.Message);
        Assert.Contains("292 years", e.Message);
    }

    [Fact]
    public void GoDurationsUpToGosRangeParseAndFormat()
    {
        Assert.Equal(GoDuration.MaxValue, GoDuration.Parse("2562047h47m16.8547758s", "x"));
        Assert.Equal("2562047h47m16.8547758s", GoDuration.Format(GoDuration.MaxValue));
    }

    [Fact]
    public void FormattingADurationGoCannotHoldIsAnErrorNotAnOverflow()
    {
        var e = Assert.Throws<ThanosLabException>(() => GoDuration.Format(TimeSpan.FromDays(300 * 365)));
        Assert.Equal("DurationOutOfRange", e.ErrorId);
        Assert.Equal("DurationOutOfRange", Assert.Throws<ThanosLabException>(() => GoDuration.Format(TimeSpan.MinValue)).ErrorId);
    }

    [Theory]
    [InlineData("1000000d")]
    [InlineData("293y")]
    [InlineData("99999999999999999999y")]
    [InlineData("292y1000w")]
    public void PrometheusDurationsBeyondTheirRangeAreOutOfRangeErrors(string text)
    {
        var e = Assert.Throws<ThanosLabException>(() => PrometheusDuration.Parse(text, "retention"));
        Assert.Equal("DurationOutOfRange", e.ErrorId);
        Assert.Contains(text, e.Message);
        Assert.Contains("292 years", e.Message);
        Assert.False(PrometheusDuration.TryParse(text, out _));
    }

    [Fact]
    public void PrometheusDurationsReachGosRange() =>
        Assert.Equal(TimeSpan.FromDays(292 * 365), PrometheusDuration.Parse("292y", "retention"));

    [Fact]
    public void TimesOutOfRangeAreErrorsNamingTheValueAndTheRange()
    {
        var e = Assert.Throws<ThanosLabException>(() => TimeOrDuration.Parse("-1000000d", "max time"));
        Assert.Equal("DurationOutOfRange", e.ErrorId);
        Assert.Contains("-1000000d", e.Message);
        var now = new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var far = Assert.Throws<ThanosLabException>(() => TimeOrDuration.FromNow(TimeSpan.MaxValue).Resolve(now));
        Assert.Equal("TimeOutOfRange", far.ErrorId);
        Assert.Contains("9999-12-31", far.Message);
        Assert.Equal("TimeOutOfRange", Assert.Throws<ThanosLabException>(() => TimeOrDuration.FromNow(TimeSpan.MinValue).Resolve(now)).ErrorId);
    }

    [Fact]
    public void TimeOrDurationIsRelativeToNowOrAbsolute()
    {
        var now = new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(now.AddHours(-6), TimeOrDuration.Parse("-6h").Resolve(now));
        Assert.Equal(now.AddHours(6), TimeOrDuration.Parse("6h").Resolve(now));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeOrDuration.Parse("2024-01-01T00:00:00Z").Resolve(now));
        Assert.Equal("InvalidTimeOrDuration", Assert.Throws<ThanosLabException>(() => TimeOrDuration.Parse("yesterday")).ErrorId);
    }

    [Theory]
    [InlineData(3e7, "3e+07")]
    [InlineData(2e8, "2e+08")]
    [InlineData(1e7, "1e+07")]
    [InlineData(15, "15")]
    [InlineData(123456, "123456")]
    [InlineData(1234567, "1.234567e+06")]
    [InlineData(0.5, "0.5")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0, "0")]
    [InlineData(1.6898469769818974e8, "1.6898469769818974e+08")]
    public void FloatsFormatLikeGoStrconvG(double value, string expected)
    {
        Assert.Equal(expected, GoFloatFormat.Format(value));
    }
}
