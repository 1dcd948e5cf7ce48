namespace ThanosLab.Engine.Configuration;

/// <summary>
/// A configuration file ThanosLab writes for a lab component: a Prometheus configuration
/// (prometheus.yml) or a Thanos object-storage configuration (objstore YAML).
/// </summary>
public interface IConfigDocument
{
    /// <summary><see cref="ConfigKind"/> of the document.</summary>
    ConfigKind Kind { get; }

    /// <summary>The YAML exactly as the component parses it. May contain a secret: never log it.</summary>
    string ToYaml();

    /// <summary>True when <see cref="ToYaml"/> holds a secret, so the file must be readable by its owner only.</summary>
    bool ContainsSecret { get; }
}
