namespace ThanosLab.Engine.Generation;

/// <summary>thanosbench's eight profiles (<c>pkg/blockgen/profiles.go</c>), see formats.md §17.1.</summary>
public static class ThanosbenchProfiles
{
    private static TimeSpan H(int hours) => TimeSpan.FromHours(hours);

    private static readonly TimeSpan[] TwoDays = { H(2), H(2), H(2), H(8), H(8), H(8), H(8), H(8), H(2) };
    private static readonly TimeSpan[] OneWeek = { H(2), H(2), H(2), H(8), H(8), H(48), H(48), H(48), H(2) };
    private static readonly TimeSpan[] ThirtyDays = { H(2), H(2), H(2), H(8), H(176), H(176), H(176), H(176), H(2) };
    private static readonly TimeSpan[] OneYear =
        { H(2), H(2), H(2), H(8), H(176), H(176), H(176), H(176), H(1608), H(1608), H(1608), H(1608), H(1608) };

    private static readonly ThanosbenchProfile[] All =
    {
        new("realistic-k8s-2d-small", ProfileKind.RealisticK8s, TwoDays, 100, 50, H(1)),
        new("realistic-k8s-1w-small", ProfileKind.RealisticK8s, OneWeek, 100, 50, H(1)),
        new("realistic-k8s-30d-tiny", ProfileKind.RealisticK8s, ThirtyDays, 1, 5, H(1)),
        new("realistic-k8s-365d-tiny", ProfileKind.RealisticK8s, OneYear, 1, 5, H(1)),
        new("continuous-1w-small", ProfileKind.Continuous, OneWeek, 100, 100, TimeSpan.Zero),
        new("continuous-30d-tiny", ProfileKind.Continuous, ThirtyDays, 1, 5, TimeSpan.Zero),
        new("continuous-365d-tiny", ProfileKind.Continuous, OneYear, 1, 5, TimeSpan.Zero),
        new("continuous-1w-1series-10000apps", ProfileKind.Continuous, OneWeek, 10000, 1, TimeSpan.Zero),
    };

    public static IReadOnlyList<ThanosbenchProfile> Profiles => All;

    public static IEnumerable<string> Names => All.Select(p => p.Name);

    public static ThanosbenchProfile Get(string? name)
    {
        var p = All.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase));
        return p ?? throw new ThanosLabException(ErrorKind.InvalidArgument, "UnknownProfile",
            $"'{name}' is not a thanosbench profile. Valid profiles: {string.Join(", ", Names)}.", name);
    }
}
