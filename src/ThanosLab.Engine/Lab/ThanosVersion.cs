using System.Text.RegularExpressions;

namespace ThanosLab.Engine.Lab;

/// <summary>
/// What an image tag says about the Thanos version, for flags that changed name. The querier's
/// StoreAPI flag was <c>--store</c> (the tutorial's v0.26); <c>--endpoint</c> replaced it, and
/// ThanosLab uses it from v0.27 on. A tag that is not a version (latest, main-…) counts as new.
/// </summary>
public static partial class ThanosVersion
{
    [GeneratedRegex(@":v?(?<major>\d+)\.(?<minor>\d+)(\.\d+)?([-+][^:/]*)?$")]
    private static partial Regex TagPattern();

    /// <summary>The version in the image's tag, or null when the tag is not one.</summary>
    public static Version? FromImage(string image)
    {
        var match = TagPattern().Match(image);
        return match.Success
            ? new Version(int.Parse(match.Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups["minor"].Value, System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary><c>--store</c> before v0.27, <c>--endpoint</c> from then on.</summary>
    public static string StoreFlag(string image) =>
        FromImage(image) is { } v && v < new Version(0, 27) ? "--store" : "--endpoint";
}
