using System.Net;
using System.Text;

namespace ThanosLab.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP server that answers every request with one recorded API answer and keeps what
/// was asked. Only for components that cannot run on this machine (a Thanos querier: no image, no
/// binary); tests against Prometheus use the real process.
/// </summary>
public sealed class RecordedAnswerServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _body;
    private readonly Task _loop;

    public RecordedAnswerServer(string body)
    {
        _body = body;
        Port = PrometheusProcess.FreeLoopbackPort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    /// <summary>Method, path and (for forms) the decoded body of every request, in order.</summary>
    public List<(string Method, string Path, string Body)> Requests { get; } = new();

    public static RecordedAnswerServer FromFixture(string name) =>
        new(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Prometheus", "Fixtures", name)));

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = WebUtility.UrlDecode(await reader.ReadToEndAsync());
            lock (Requests) Requests.Add((context.Request.HttpMethod, context.Request.Url!.AbsolutePath, body));
            var bytes = Encoding.UTF8.GetBytes(_body);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
