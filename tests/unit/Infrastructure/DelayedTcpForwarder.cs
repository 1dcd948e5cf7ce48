using System.Net;
using System.Net.Sockets;

namespace ThanosLab.Tests.Infrastructure;

/// <summary>
/// A loopback port that refuses connections until <see cref="Start"/>, then forwards every connection to a
/// real server: an object store "started late", as MinIO is while a sidecar already waits for it.
/// </summary>
public sealed class DelayedTcpForwarder : IDisposable
{
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;

    public DelayedTcpForwarder(string targetHostPort)
    {
        var uri = new Uri("tcp://" + targetHostPort);
        _target = new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port);
        Port = PrometheusProcess.FreeLoopbackPort();
    }

    /// <summary>The port clients are given; nothing listens on it before <see cref="Start"/>.</summary>
    public int Port { get; }

    public void Start()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener!.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
                var a = client.GetStream();
                var b = server.GetStream();
                await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener?.Stop();
        _stop.Dispose();
    }
}
