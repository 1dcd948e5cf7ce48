namespace ThanosLab.Engine.IO;

/// <summary>
/// The first <see cref="Length"/> bytes of an open file, read-only and seekable: whatever the file
/// grows to meanwhile, a reader (an S3 client hashing the payload, a copy) stops at the size taken
/// when the file was inspected. Owns the file stream.
/// </summary>
public sealed class FilePrefixStream : Stream
{
    private readonly FileStream _file;
    private readonly long _length;

    public FilePrefixStream(FileStream file, long length)
    {
        _file = file;
        _length = length;
        _file.Position = 0;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _file.Position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => _file.Read(buffer, offset, Allowed(count));

    public override int Read(Span<byte> buffer) => _file.Read(buffer[..Allowed(buffer.Length)]);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _file.ReadAsync(buffer, offset, Allowed(count), cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _file.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken);

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _file.Position + offset,
            _ => _length + offset,
        };
        if (target < 0 || target > _length) throw new ArgumentOutOfRangeException(nameof(offset), "The position is outside the file prefix.");
        return _file.Seek(target, SeekOrigin.Begin);
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Allowed(int count) => (int)Math.Min(count, Math.Max(0, _length - _file.Position));
}
