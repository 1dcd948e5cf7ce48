namespace ThanosLab.Engine.Generation;

/// <summary>A named block-plan profile: block ranges from newest to oldest and the series shape.</summary>
public sealed record ThanosbenchProfile(string Name, ProfileKind Kind, IReadOnlyList<TimeSpan> Ranges, int Apps, int MetricsPerApp, TimeSpan RolloutInterval)
{
    public TimeSpan TotalRange => Ranges.Aggregate(TimeSpan.Zero, (a, r) => a + r);
}
