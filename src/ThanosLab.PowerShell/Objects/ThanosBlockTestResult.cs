using ThanosLab.Engine.Tsdb;

namespace ThanosLab;

/// <summary>Test-ThanosBlock's verdict on one block directory.</summary>
public sealed class ThanosBlockTestResult
{
    /// <summary>The ULID from meta.json, or the directory name when meta.json is unusable.</summary>
    public string Id { get; set; } = "";

    public string Path { get; set; } = "";

    public bool IsHealthy { get; set; }

    public ThanosBlockIssue[] Issues { get; set; } = Array.Empty<ThanosBlockIssue>();

    public long SeriesChecked { get; set; }

    public long ChunksChecked { get; set; }

    /// <summary>The samples decoded and checked; with -SkipSampleDecoding, the samples the chunk headers announce.</summary>
    public long SamplesChecked { get; set; }

    /// <summary>False when the verification ran with -SkipSampleDecoding.</summary>
    public bool SamplesDecoded { get; set; }

    /// <summary>How long the verification took.</summary>
    public TimeSpan Duration { get; set; }

    internal static ThanosBlockTestResult From(BlockVerification v, TimeSpan duration) => new()
    {
        Id = v.Id,
        Path = v.Path,
        IsHealthy = v.IsHealthy,
        Issues = v.Issues.Select(ThanosBlockIssue.From).ToArray(),
        SeriesChecked = v.SeriesChecked,
        ChunksChecked = v.ChunksChecked,
        SamplesChecked = v.SamplesChecked,
        SamplesDecoded = v.SamplesDecoded,
        Duration = duration,
    };

    public override string ToString() => $"{Id}: {(IsHealthy ? "healthy" : $"{Issues.Length} issue(s)")}";
}
