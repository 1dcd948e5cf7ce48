namespace ThanosLab.Engine.Objstore;

/// <summary>
/// objstore's <c>http_config</c> for S3: connection pool, timeouts and TLS. Values left at their
/// defaults are not written back, so a config stays readable by older Thanos releases.
/// </summary>
public sealed class S3HttpConfig
{
    public static readonly TimeSpan DefaultIdleConnTimeout = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan DefaultResponseHeaderTimeout = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan DefaultTlsHandshakeTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultExpectContinueTimeout = TimeSpan.FromSeconds(1);
    public const int DefaultMaxIdleConns = 100;
    public const int DefaultMaxIdleConnsPerHost = 100;

    public static readonly S3HttpConfig Default = new();

    public TimeSpan IdleConnTimeout { get; init; } = DefaultIdleConnTimeout;

    public TimeSpan ResponseHeaderTimeout { get; init; } = DefaultResponseHeaderTimeout;

    public TimeSpan TlsHandshakeTimeout { get; init; } = DefaultTlsHandshakeTimeout;

    public TimeSpan ExpectContinueTimeout { get; init; } = DefaultExpectContinueTimeout;

    public bool InsecureSkipVerify { get; init; }

    public int MaxIdleConns { get; init; } = DefaultMaxIdleConns;

    public int MaxIdleConnsPerHost { get; init; } = DefaultMaxIdleConnsPerHost;

    /// <summary>0 for no limit.</summary>
    public int MaxConnsPerHost { get; init; }

    public bool DisableCompression { get; init; }

    public S3TlsConfig TlsConfig { get; init; } = S3TlsConfig.None;

    public bool IsDefault =>
        IdleConnTimeout == DefaultIdleConnTimeout && ResponseHeaderTimeout == DefaultResponseHeaderTimeout
        && TlsHandshakeTimeout == DefaultTlsHandshakeTimeout && ExpectContinueTimeout == DefaultExpectContinueTimeout
        && !InsecureSkipVerify && MaxIdleConns == DefaultMaxIdleConns && MaxIdleConnsPerHost == DefaultMaxIdleConnsPerHost
        && MaxConnsPerHost == 0 && !DisableCompression && TlsConfig.IsEmpty;

    public void Validate()
    {
        foreach (var (name, value) in new[]
        {
            ("idle_conn_timeout", IdleConnTimeout), ("response_header_timeout", ResponseHeaderTimeout),
            ("tls_handshake_timeout", TlsHandshakeTimeout), ("expect_continue_timeout", ExpectContinueTimeout),
        })
        {
            if (value < TimeSpan.Zero)
            {
                throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidHttpConfig",
                    $"The S3 http_config.{name} is negative ({value}); give a duration such as 10s.", value);
            }
        }
        foreach (var (name, value) in new[] { ("max_idle_conns", MaxIdleConns), ("max_idle_conns_per_host", MaxIdleConnsPerHost), ("max_conns_per_host", MaxConnsPerHost) })
        {
            if (value < 0)
            {
                throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidHttpConfig",
                    $"The S3 http_config.{name} is negative ({value}); give 0 or more.", value);
            }
        }
    }
}
