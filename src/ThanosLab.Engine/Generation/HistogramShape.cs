using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// The native-histogram series types' parameters (an extension of thanosbench's plan): the
/// exponential schema (bucket growth factor 2^(2^-schema)), about how many buckets the latency
/// distribution spreads over, and the zero bucket's threshold.
/// </summary>
public sealed record HistogramShape(int Schema, int Buckets, double ZeroThreshold)
{
    /// <summary>Schema 3 (buckets 9% apart), 40 buckets (a spread of about 30x), Prometheus' zero threshold 2^-128.</summary>
    public static readonly HistogramShape Default = new(3, 40, NativeHistogram.DefaultZeroThreshold);

    /// <summary>The most buckets a generated histogram spreads over: client_golang's default bucket limit.</summary>
    public const int MaxBuckets = 160;

    public void Validate()
    {
        if (Schema is < NativeHistogram.MinSchema or > NativeHistogram.MaxSchema)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidHistogramSchema",
                $"The histogram schema {Schema} is not accepted: native histograms have schemas {NativeHistogram.MinSchema} to {NativeHistogram.MaxSchema}.", Schema);
        }
        if (Buckets is < 1 or > MaxBuckets)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidHistogramBucketCount",
                $"The histogram bucket count {Buckets} is not accepted: give 1 to {MaxBuckets} buckets.", Buckets);
        }
        if (double.IsNaN(ZeroThreshold) || double.IsInfinity(ZeroThreshold) || ZeroThreshold < 0)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidZeroThreshold",
                $"The histogram zero threshold {ZeroThreshold} is not accepted: it must be a finite number of at least 0 (Prometheus' default is 2^-128).", ZeroThreshold);
        }
    }
}
