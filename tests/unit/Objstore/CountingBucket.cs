using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ThanosLab.Engine.Objstore;

namespace ThanosLab.Tests.Objstore;

/// <summary>
/// A spy around a real bucket: every call goes through to it and is recorded (operation and key, in
/// order), so tests can count requests and check the order of uploads. Not a fake: nothing is changed.
/// </summary>
public sealed class CountingBucket : IBucket
{
    private readonly IBucket _inner;

    public CountingBucket(IBucket inner) => _inner = inner;

    public ConcurrentQueue<(string Operation, string Key)> Calls { get; } = new();

    public int Count(string operation) => Calls.Count(c => c.Operation == operation);

    public string Location => _inner.Location;

    public string LocationOf(string key) => _inner.LocationOf(key);

    public Task<bool> EnsureExistsAsync(CancellationToken cancellationToken)
    {
        Calls.Enqueue(("EnsureExists", ""));
        return _inner.EnsureExistsAsync(cancellationToken);
    }

    public async IAsyncEnumerable<BucketObject> ListAsync(string prefix, bool recursive, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Calls.Enqueue(("List", prefix));
        await foreach (var o in _inner.ListAsync(prefix, recursive, cancellationToken)) yield return o;
    }

    public Task<BucketObject?> StatAsync(string key, CancellationToken cancellationToken)
    {
        Calls.Enqueue(("Stat", key));
        return _inner.StatAsync(key, cancellationToken);
    }

    public Task<byte[]> ReadAllBytesAsync(string key, long maxBytes, CancellationToken cancellationToken)
    {
        Calls.Enqueue(("Read", key));
        return _inner.ReadAllBytesAsync(key, maxBytes, cancellationToken);
    }

    public async Task UploadFileAsync(string key, string localPath, long length, CancellationToken cancellationToken)
    {
        await _inner.UploadFileAsync(key, localPath, length, cancellationToken);
        Calls.Enqueue(("Upload", key));
    }

    public async Task UploadBytesAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await _inner.UploadBytesAsync(key, content, cancellationToken);
        Calls.Enqueue(("Upload", key));
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        Calls.Enqueue(("Delete", key));
        return _inner.DeleteAsync(key, cancellationToken);
    }

    public void Dispose() => _inner.Dispose();
}
