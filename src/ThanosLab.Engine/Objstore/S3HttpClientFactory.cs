using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Amazon.Runtime;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// Builds the one HttpClient an <see cref="S3Bucket"/> uses, from objstore's <c>http_config</c> as
/// exthttp's transport applies it: connecting within objstore's dial timeout (30 s) plus
/// tls_handshake_timeout, response headers within response_header_timeout of the request being
/// written, idle connections closed after idle_conn_timeout, expect_continue_timeout, the connection
/// cap per host, the CA to trust, a client certificate, or no verification. Unset, each has Thanos'
/// default (S3HttpConfig), so no request can wait forever. max_idle_conns and max_idle_conns_per_host
/// are kept in the config (Thanos uses them) but have no .NET counterpart.
/// </summary>
internal sealed class S3HttpClientFactory : HttpClientFactory, IDisposable
{
    // exthttp.DefaultTransport's net.Dialer timeout.
    private static readonly TimeSpan DialTimeout = TimeSpan.FromSeconds(30);

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
            PooledConnectionIdleTimeout = config.IdleConnTimeout > TimeSpan.Zero ? config.IdleConnTimeout : Timeout.InfiniteTimeSpan,
            // .NET times the TCP connect and the TLS handshake as one; Go's dialer allows 30 s for the first.
            ConnectTimeout = DialTimeout + (config.TlsHandshakeTimeout > TimeSpan.Zero ? config.TlsHandshakeTimeout : TimeSpan.Zero),
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
        // No overall limit, as in Go: a large upload may take long; each stage is bounded instead.
        return new HttpClient(new ResponseHeaderTimeoutHandler(config.ResponseHeaderTimeout, handler), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
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
