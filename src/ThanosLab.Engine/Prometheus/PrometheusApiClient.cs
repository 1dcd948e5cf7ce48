using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ThanosLab.Engine.Prometheus;

/// <summary>
/// The HTTP API of Prometheus and of the Thanos querier: instant and range queries (POST forms),
/// the querier's store list and the health endpoints. Every call has a timeout and honours the
/// caller's cancellation; answers are read up to <see cref="MaxResponseBytes"/> and decoded strictly.
/// </summary>
public sealed class PrometheusApiClient
{
    // One connection pool for every client in the process: cmdlets create a client per endpoint and
    // per call, which must not open a new socket pool each time. No Accept-Encoding: lab endpoints are
    // local, where gzip only spends CPU on both ends (answers are bounded by MaxResponseBytes anyway).
    private static readonly HttpClient SharedHttp = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AllowAutoRedirect = false,
    })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public PrometheusApiClient(Uri endpoint, TimeSpan? timeout = null)
    {
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidEndpoint",
                $"'{endpoint}' is not an HTTP endpoint: give an absolute http:// or https:// URI such as http://127.0.0.1:9090/.", endpoint);
        }
        // A base path (Prometheus behind --web.route-prefix) must end in '/' or relative paths replace its last segment.
        Endpoint = endpoint.AbsolutePath.EndsWith('/') ? endpoint : new Uri(endpoint + "/");
        Timeout = timeout ?? TimeSpan.FromSeconds(120);
        if (Timeout <= TimeSpan.Zero)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidTimeout", $"The timeout {Timeout} is not positive.", Timeout);
        }
    }

    public Uri Endpoint { get; }

    /// <summary>How long one request may take, connecting and reading included.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Answers larger than this are refused rather than buffered (default 64 MiB).</summary>
    public long MaxResponseBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary><c>/api/v1/query</c> at <paramref name="time"/> (the server's now when null).</summary>
    public Task<QueryResult> QueryAsync(string query, DateTimeOffset? time, QueryOptions? options, CancellationToken cancellation)
    {
        var form = new List<KeyValuePair<string, string>> { new("query", RequireQuery(query)) };
        if (time is { } t) form.Add(new("time", PrometheusTime.Format(t)));
        form.AddRange((options ?? QueryOptions.None).ToForm());
        return PostQueryAsync("api/v1/query", form, query, cancellation);
    }

    /// <summary><c>/api/v1/query_range</c> from <paramref name="start"/> to <paramref name="end"/> every <paramref name="step"/>.</summary>
    public Task<QueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, QueryOptions? options, CancellationToken cancellation)
    {
        if (step <= TimeSpan.Zero)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidStep",
                $"The step {step} is not positive; give a duration such as 15s or 1h.", step);
        }
        if (end < start)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidTimeRange",
                $"The end {end:O} is before the start {start:O}.", end, "Give -End at or after -Start.");
        }
        var form = new List<KeyValuePair<string, string>>
        {
            new("query", RequireQuery(query)),
            new("start", PrometheusTime.Format(start)),
            new("end", PrometheusTime.Format(end)),
            new("step", PrometheusTime.FormatSeconds(step)),
        };
        form.AddRange((options ?? QueryOptions.None).ToForm());
        return PostQueryAsync("api/v1/query_range", form, query, cancellation);
    }

    /// <summary>The Thanos querier's <c>/api/v1/stores</c>.</summary>
    public async Task<(IReadOnlyList<StoreStatus> Stores, IReadOnlyList<string> Warnings)> GetStoresAsync(CancellationToken cancellation)
    {
        var uri = new Uri(Endpoint, "api/v1/stores");
        var (status, body) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), uri, cancellation).ConfigureAwait(false);
        if (status == HttpStatusCode.NotFound)
        {
            throw new ThanosLabException(ErrorKind.ObjectNotFound, "StoresApiNotFound",
                $"{uri} does not exist (HTTP 404): the endpoint {Endpoint} is not a Thanos querier (Prometheus has no store list).", Endpoint,
                "Give the querier's HTTP endpoint, for example the object Start-ThanosQuerier returns.");
        }
        using var doc = ParseJson(body, status, uri);
        var data = PrometheusApiJson.Data(doc, Endpoint.ToString(), null, out var warnings);
        return (PrometheusApiJson.ReadStores(data, Endpoint.ToString()), warnings);
    }

    /// <summary>
    /// GETs <paramref name="path"/> and reports whether it answered 2xx; never throws for an
    /// unreachable or failing endpoint (that is the answer), only for the caller's cancellation.
    /// </summary>
    public async Task<EndpointCheck> CheckAsync(string name, string path, CancellationToken cancellation)
    {
        var uri = new Uri(Endpoint, path.TrimStart('/'));
        var watch = Stopwatch.StartNew();
        try
        {
            var (status, body) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), uri, cancellation).ConfigureAwait(false);
            var ok = (int)status is >= 200 and < 300;
            var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).Trim();
            var firstLine = text.Split('\n', 2)[0].Trim();
            var message = ok ? (firstLine.Length > 0 ? firstLine : "OK") : $"HTTP {(int)status} {status}: {firstLine}";
            return new EndpointCheck(name, uri, ok, (int)status, watch.Elapsed, message);
        }
        catch (ThanosLabException e) when (!cancellation.IsCancellationRequested)
        {
            return new EndpointCheck(name, uri, false, null, watch.Elapsed, e.Message);
        }
    }

    private async Task<QueryResult> PostQueryAsync(string path, List<KeyValuePair<string, string>> form, string query, CancellationToken cancellation)
    {
        var uri = new Uri(Endpoint, path);
        var (status, body) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) }, uri, cancellation).ConfigureAwait(false);
        using var doc = ParseJson(body, status, uri);
        var data = PrometheusApiJson.Data(doc, Endpoint.ToString(), query, out var warnings);
        return PrometheusApiJson.ReadQueryResult(data, warnings, Endpoint.ToString());
    }

    private static string RequireQuery(string query) =>
        string.IsNullOrWhiteSpace(query)
            ? throw new ThanosLabException(ErrorKind.InvalidArgument, "EmptyQuery", "The query is empty; give a PromQL expression such as up or continuous_app_metric0.", query)
            : query;

    // Prometheus answers API errors with 4xx/5xx and a JSON body that carries the message, so the
    // body is decoded whatever the status; only a non-JSON body falls back to the HTTP status.
    private JsonDocument ParseJson(byte[] body, HttpStatusCode status, Uri uri)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).Trim();
            if ((int)status is >= 200 and < 300)
            {
                throw PrometheusApiJson.Malformed(Endpoint.ToString(), $"{uri} returned text that is not JSON: {text}");
            }
            throw new ThanosLabException(ErrorKind.InvalidOperation, "HttpError",
                $"{uri} answered HTTP {(int)status} {status}: {text}", Endpoint, "Check that the endpoint is a Prometheus server or a Thanos querier.");
        }
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(Func<HttpRequestMessage> request, Uri uri, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(Timeout);
        try
        {
            using var message = request();
            using var response = await SharedHttp.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength > MaxResponseBytes) throw TooLarge(uri);
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxResponseBytes) throw TooLarge(uri);
                buffer.Write(chunk, 0, read);
            }
            return (response.StatusCode, buffer.ToArray());
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new ThanosLabException(ErrorKind.OperationTimeout, "EndpointTimeout",
                $"{uri} did not answer within {Timeout.TotalSeconds:0.###} s.", Endpoint,
                "Check that the component is running and not overloaded, or give a longer -TimeoutSec.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            var reason = e.InnerException is SocketException s ? s.Message : e.Message;
            throw new ThanosLabException(ErrorKind.ConnectionError, "EndpointUnreachable",
                $"Cannot reach {Endpoint}: {reason}.", Endpoint,
                "Check that the component runs and listens on that address (Get-ThanosComponent, Test-ThanosEndpoint).", e);
        }
    }

    private ThanosLabException TooLarge(Uri uri) =>
        new(ErrorKind.InvalidData, "ResponseTooLarge",
            $"{uri} answered with more than {MaxResponseBytes / (1024 * 1024)} MiB; the answer was not read.", Endpoint,
            "Narrow the query: a shorter range, a larger step or fewer series.");
}
