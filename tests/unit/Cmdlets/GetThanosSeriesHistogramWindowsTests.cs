using System.Xml.Linq;
using ThanosLab.Engine.Downsampling;
using ThanosLab.Tests.Downsampling;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>Get-ThanosSeries in process on a hand-built 5m block of a native-histogram series, as Thanos &gt;= 0.38 writes it.</summary>
public sealed class GetThanosSeriesHistogramWindowsTests : IDisposable
{
    private static readonly long[] Ends = AggregateChunkSamplesTests.Ends;
    private readonly TempDirectory _data = new("thanoslab-data-");
    private readonly string _block;

    public GetThanosSeriesHistogramWindowsTests()
    {
        _block = DownsampleSourceBlock.WriteHistogramAggregates(_data.Path, DownsampleResolution.FiveMinutes,
            Ends.Select((t, i) => (t, 4.0 + i)).ToArray(),
            Ends.Select((t, i) => (t, AggregateChunkSamplesTests.Histogram(2 + i))).ToArray(),
            Ends.Select((t, i) => (t, AggregateChunkSamplesTests.Histogram(10 * (i + 1)))).ToArray());
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public void WindowsCarryTheirSumAndCounterAsHistogramSamplesWithBucketBounds()
    {
        using var ps = PowerShellSession.Run($"Get-ThanosSeries -Path '{_block}'");
        var series = Assert.Single(ps.Invoke<ThanosSeries>());
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(TimeSpan.FromMinutes(5), series.Resolution);
        var windows = series.Samples.Cast<ThanosAggregateSample>().ToArray();
        Assert.Equal(Ends, windows.Select(w => w.Timestamp.ToUnixTimeMilliseconds()));
        Assert.Equal(new double?[] { 4, 5, 6 }, windows.Select(w => w.Count));
        Assert.All(windows, w => Assert.True(w.Sum is null && w.Min is null && w.Max is null && w.Counter is null));

        var sum = windows[0].SumHistogram!;
        Assert.Equal(windows[0].Timestamp, sum.Timestamp);
        Assert.Equal((14.0, 36.5, 2.0, 1), (sum.Count, sum.Sum, sum.ZeroCount, sum.Schema));
        Assert.Equal(sum.Count, sum.Value);
        // Schema 1 (base 2^0.5): negative bucket -2, the zero bucket, positive buckets 0, 1 and 3.
        var expected = new[] { (-0.5, -Math.Pow(2, -1.5), 2.0), (-0.001, 0.001, 2), (Math.Pow(2, -0.5), 1, 4), (1, Math.Sqrt(2), 2), (2, Math.Pow(2, 1.5), 4) };
        Assert.Equal(expected.Length, sum.Buckets.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Item1, sum.Buckets[i].Lower, 12);
            Assert.Equal(expected[i].Item2, sum.Buckets[i].Upper, 12);
            Assert.Equal(expected[i].Item3, sum.Buckets[i].Count);
        }
        Assert.True(sum.Buckets[1].LowerInclusive && sum.Buckets[1].UpperInclusive);

        var counter = windows[2].CounterHistogram!;
        Assert.Equal((210.0, 547.5, 30.0), (counter.Count, counter.Sum, counter.ZeroCount));
        Assert.Equal(new[] { 30.0, 30, 60, 30, 60 }, counter.Buckets.Select(b => b.Count));
    }

    [Fact]
    public void TheTableViewShowsTheHistogramsCountAndSum()
    {
        // The hosted runspace has no Format-Table: the view's cells are its script blocks run on each window.
        var view = XDocument.Load(Path.Combine(TestImages.RepositoryRoot(), "module", "ThanosLab.format.ps1xml")).Descendants("View")
            .Single(v => v.Element("Name")?.Value == "ThanosLab.ThanosAggregateSample");
        var cells = view.Descendants("TableColumnItem").Select(c => c.Element("ScriptBlock")?.Value ?? "$_." + c.Element("PropertyName")!.Value).ToArray();
        using var ps = PowerShellSession.Run(
            "param($Cells) (Get-ThanosSeries -Path '" + _block + "').Samples | ForEach-Object { $w = $_; ($Cells | ForEach-Object { " +
            "[scriptblock]::Create($_).InvokeWithContext($null, [Collections.Generic.List[psvariable]]@([psvariable]::new('_', $w))) -join '' }) -join ' | ' }");
        ps.AddParameter("Cells", cells);
        var rows = ps.Invoke<string>();
        Assert.Empty(ps.Streams.Error.Select(e => e.ToString()));
        Assert.Equal("2023-11-14 22:14:59.999 | 4 | histogram: count 14 sum 36.5 |  |  | histogram: count 70 sum 182.5", rows[0]);
        Assert.Equal("2023-11-14 22:24:59.999 | 6 | histogram: count 28 sum 73 |  |  | histogram: count 210 sum 547.5", rows[2]);

        using var text = PowerShellSession.Run($"(Get-ThanosSeries -Path '{_block}').Samples[0].ToString()");
        Assert.Equal("2023-11-14 22:14:59.999 count=4 sum=[histogram count 14 sum 36.5, 5 buckets] min= max= counter=[histogram count 70 sum 182.5, 5 buckets]", Assert.Single(text.Invoke<string>()));
    }
}
