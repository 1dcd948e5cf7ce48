using System.Net;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// objstore's <c>http_config.response_header_timeout</c> as Go's transport applies it: the time a server
/// may take to send its response headers once the request, body included, has been written. A server
/// that accepts the connection and then says nothing fails the request with a <see cref="TimeoutException"/>
/// instead of hanging it. Reading the response body is not bounded here, as it is not in Go.
/// </summary>
internal sealed class ResponseHeaderTimeoutHandler : DelegatingHandler
{
    private readonly TimeSpan _timeout;

    /// <param name="timeout">Zero or less: no limit, as in Go.</param>
    public ResponseHeaderTimeoutHandler(TimeSpan timeout, HttpMessageHandler inner) : base(inner) => _timeout = timeout;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_timeout <= TimeSpan.Zero) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.Content is { } content)
        {
            // The clock starts when the body has been written, so a large upload is not cut short.
            request.Content = new WrittenContent(content, () => ArmAfterWrite(timer));
        }
        else
        {
            timer.CancelAfter(_timeout);
        }
        try
        {
            return await base.SendAsync(request, timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The server sent no response headers within {_timeout.TotalSeconds:0.###}s of the request (http_config.response_header_timeout).", e);
        }
    }

    private void ArmAfterWrite(CancellationTokenSource timer)
    {
        try
        {
            timer.CancelAfter(_timeout);
        }
        catch (ObjectDisposedException)
        {
            // The headers came before the body was fully written (the server answered early): nothing to time.
        }
    }

    /// <summary>The request body as given, with a callback once it has been written out.</summary>
    private sealed class WrittenContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly Action _written;

        public WrittenContent(HttpContent inner, Action written)
        {
            _inner = inner;
            _written = written;
            foreach (var header in inner.Headers) Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await _inner.CopyToAsync(stream, context, cancellationToken).ConfigureAwait(false);
            _written();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
