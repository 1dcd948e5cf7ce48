using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace ThanosLab.Tests.Infrastructure;

/// <summary>
/// A Unix-socket proxy in front of the real Docker daemon that forwards every request except the
/// first whose request line matches <c>stall</c>, which it holds back unanswered. A fake in the
/// path on purpose: it is the only way to press Ctrl+C exactly while one daemon call is pending.
/// </summary>
internal sealed class StallingDockerProxy : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly string _daemon;
    private readonly Regex _stall;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Socket> _open = new();
    private int _stalledOnce;

    /// <param name="socketPath">Where the proxy listens.</param>
    /// <param name="daemonSocket">The real daemon's socket, e.g. /var/run/docker.sock.</param>
    public StallingDockerProxy(string socketPath, string daemonSocket, Regex stall)
    {
        _daemon = daemonSocket;
        _stall = stall;
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(16);
        Endpoint = "unix://" + socketPath;
        _ = AcceptAsync();
    }

    /// <summary>The DOCKER_HOST that reaches the daemon through the proxy.</summary>
    public string Endpoint { get; }

    /// <summary>Completes once the matching request arrived and is being held back.</summary>
    public Task Stalled => _stalled.Task;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        lock (_open)
        {
            foreach (var s in _open) s.Dispose();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var daemon = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await daemon.ConnectAsync(new UnixDomainSocketEndPoint(_daemon));
            lock (_open)
            {
                _open.Add(client);
                _open.Add(daemon);
            }
            _ = PumpAsync(client, daemon, inspect: true);
            _ = PumpAsync(daemon, client, inspect: false);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool inspect)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0) break;
                if (inspect && _stall.IsMatch(Encoding.ASCII.GetString(buffer, 0, n)) && Interlocked.Exchange(ref _stalledOnce, 1) == 0)
                {
                    _stalled.TrySetResult();
                    return;
                }
                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
            }
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
