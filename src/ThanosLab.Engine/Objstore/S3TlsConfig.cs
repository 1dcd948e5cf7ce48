namespace ThanosLab.Engine.Objstore;

/// <summary>objstore's <c>http_config.tls_config</c>: a CA to trust, a client certificate, the server name.</summary>
public sealed class S3TlsConfig
{
    public static readonly S3TlsConfig None = new();

    /// <summary>PEM file of the CA that signed the server certificate; "" for the system's.</summary>
    public string CaFile { get; init; } = "";

    public string CertFile { get; init; } = "";

    public string KeyFile { get; init; } = "";

    /// <summary>The name expected in the server certificate, when it differs from the endpoint host.</summary>
    public string ServerName { get; init; } = "";

    public bool InsecureSkipVerify { get; init; }

    public bool IsEmpty => CaFile.Length == 0 && CertFile.Length == 0 && KeyFile.Length == 0 && ServerName.Length == 0 && !InsecureSkipVerify;
}
