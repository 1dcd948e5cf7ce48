namespace ThanosLab.Engine.Generation;

/// <summary>
/// thanosbench's series kinds, the plan YAML spells them GAUGE, COUNTER, RANDOM; and ThanosLab's
/// native-histogram extension, HISTOGRAM and FLOATHISTOGRAM (see <see cref="LatencyHistogramGenerator"/>).
/// </summary>
public enum SeriesType
{
    Gauge,
    Counter,
    Random,

    /// <summary>A counter native histogram with integer counts (histogram chunks, encoding 2).</summary>
    Histogram,

    /// <summary>A gauge native histogram with float counts (float histogram chunks, encoding 3).</summary>
    FloatHistogram,
}
