using ThanosLab.Engine.Configuration;

namespace ThanosLab;

/// <summary>
/// A configuration object that Export-ThanosConfig can write and the Start-* cmdlets can mount:
/// ThanosPrometheusConfig and ThanosBucketConfig.
/// </summary>
public interface IThanosConfig
{
    /// <summary>The engine document behind the object.</summary>
    IConfigDocument Document { get; }
}
