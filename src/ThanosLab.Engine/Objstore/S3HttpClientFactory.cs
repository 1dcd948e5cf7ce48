using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Amazon.Runtime;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// Builds the one HttpClient an <see cref="S3Bucket"/> uses, from objstore's <c>http_config</c>:
/// pool size, idle and TLS timeouts, the CA to trust, a client certificate, or no verification.
/// Go's transport settings without a .NET counterpart are kept in the config (Thanos uses them) but
/// not applied here: max_idle_conns (the pool has no global idle cap), max_idle_conns_per_host, and
/// response_header_timeout (the caller's cancellation token bounds a request instead).
/// </summary>
internal sealed class S3HttpClientFactory : HttpClientFactory, IDisposable
{
    private readonly Lazy<HttpClient> _client;

    public S3HttpClientFactory(S3HttpConfig config) => _client = new Lazy<HttpClient>(() => Create(config));

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client.Value;

    // The factory owns its client for the bucket's lifetime; the SDK must neither cache nor dispose it.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public void Dispose()
    {
        if (_client.IsValueCreated) _client.Value.Dispose();
    }

    private static HttpClient Create(S3HttpConfig config)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = config.IdleConnTimeout,
            ConnectTimeout = config.TlsHandshakeTimeout > TimeSpan.Zero ? config.TlsHandshakeTimeout + TimeSpan.FromSeconds(5) : Timeout.InfiniteTimeSpan,
            Expect100ContinueTimeout = config.ExpectContinueTimeout,
            MaxConnectionsPerServer = config.MaxConnsPerHost > 0 ? config.MaxConnsPerHost : int.MaxValue,
            AutomaticDecompression = config.DisableCompression ? DecompressionMethods.None : DecompressionMethods.GZip,
            UseProxy = false,
            AllowAutoRedirect = false,
        };
        var tls = config.TlsConfig;
        if (tls.ServerName.Length > 0) handler.SslOptions.TargetHost = tls.ServerName;
        if (tls.CertFile.Length > 0 || tls.KeyFile.Length > 0)
        {
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { LoadClientCertificate(tls) };
        }
        if (config.InsecureSkipVerify || tls.InsecureSkipVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (tls.CaFile.Length > 0)
        {
            var ca = LoadCa(tls.CaFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                ValidateAgainst(ca, certificate, errors);
        }
        // Timeouts come from the SDK's per-request settings and the caller's cancellation token.
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static bool ValidateAgainst(X509Certificate2Collection ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private static X509Certificate2Collection LoadCa(string path)
    {
        try
        {
            var ca = new X509Certificate2Collection();
            ca.ImportFromPemFile(path);
            if (ca.Count == 0) throw new InvalidDataException("the file holds no PEM certificate");
            return ca;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or System.Security.Cryptography.CryptographicException)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidTlsCaFile",
                $"Cannot read the CA file '{path}' (http_config.tls_config.ca_file): {e.Message}", path, null, e);
        }
    }

    private static X509Certificate2 LoadClientCertificate(S3TlsConfig tls)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile.Length > 0 ? tls.KeyFile : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidTlsClientCertificate",
                $"Cannot load the client certificate '{tls.CertFile}' with key '{tls.KeyFile}' (http_config.tls_config): {e.Message}", tls.CertFile, null, e);
        }
    }
}
