using System.Globalization;
using System.Net;

namespace ThanosLab.Engine.Prometheus;

/// <summary>
/// One entry of prometheus.yml's <c>scrape_configs</c>: a job name, the HTTP path scraped and the
/// static targets (<c>host:port</c>), as the tutorial's configuration uses them.
/// </summary>
public sealed class ScrapeJob : IEquatable<ScrapeJob>
{
    /// <summary>Prometheus' default <c>metrics_path</c>.</summary>
    public const string DefaultMetricsPath = "/metrics";

    public ScrapeJob(string name, IEnumerable<string> targets, string? metricsPath = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidScrapeJobName",
                "A scrape job needs a name (Prometheus' job_name), such as 'prometheus' or 'sidecar'.", name,
                "Give every scrape job a non-empty Name.");
        }
        Name = name;
        MetricsPath = metricsPath is null or "" ? DefaultMetricsPath : ValidateMetricsPath(name, metricsPath);
        Targets = targets.Select(t => ValidateTarget(name, t)).ToArray();
        if (Targets.Count == 0)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "MissingScrapeTargets",
                $"The scrape job '{name}' has no targets; give at least one host:port such as 127.0.0.1:9090.", name);
        }
    }

    public string Name { get; }

    /// <summary>The path scraped on every target; <see cref="DefaultMetricsPath"/> unless set.</summary>
    public string MetricsPath { get; }

    /// <summary>Targets as <c>host:port</c>.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>
    /// Accepts <c>host:port</c> where host is a DNS name, an IPv4 address or a bracketed IPv6 address,
    /// and port is 1–65535: what Prometheus' static_configs take (a scheme belongs in <c>scheme</c>).
    /// </summary>
    public static string ValidateTarget(string job, string? target)
    {
        var t = target?.Trim() ?? "";
        string? problem = null;
        if (t.Contains("://", StringComparison.Ordinal))
        {
            problem = "a target has no scheme or path";
        }
        else if (t.Contains('/'))
        {
            problem = "a target has no path (the path goes into MetricsPath)";
        }
        else
        {
            var colon = t.LastIndexOf(':');
            if (colon <= 0)
            {
                problem = "the port is missing";
            }
            else
            {
                var host = t[..colon];
                var port = t[(colon + 1)..];
                if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
                {
                    problem = $"'{port}' is not a port (1-65535)";
                }
                else if (!IsHost(host))
                {
                    problem = $"'{host}' is not a host name, IPv4 address or [IPv6] address";
                }
            }
        }
        if (problem is not null)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidScrapeTarget",
                $"'{target}' in scrape job '{job}' is not a scrape target: {problem}. Give host:port, such as 127.0.0.1:9090 or [::1]:9090.",
                target, "Write targets as host:port without http:// and without a path; put a path such as /minio/prometheus/metrics in MetricsPath.");
        }
        return t;
    }

    private static bool IsHost(string host)
    {
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return IPAddress.TryParse(host[1..^1], out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }
        return Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4;
    }

    private static string ValidateMetricsPath(string job, string path)
    {
        if (!path.StartsWith('/') || path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || path.Contains('?') || path.Contains('#'))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidMetricsPath",
                $"'{path}' in scrape job '{job}' is not a metrics path: give an absolute HTTP path without spaces, query or fragment, such as /metrics or /minio/prometheus/metrics.",
                path);
        }
        return path;
    }

    public bool Equals(ScrapeJob? other) =>
        other is not null && Name == other.Name && MetricsPath == other.MetricsPath && Targets.SequenceEqual(other.Targets);

    public override bool Equals(object? obj) => obj is ScrapeJob j && Equals(j);

    public override int GetHashCode() => HashCode.Combine(Name, MetricsPath, Targets.Count);

    public override string ToString() => $"{Name} {string.Join(",", Targets)}{MetricsPath}";
}
