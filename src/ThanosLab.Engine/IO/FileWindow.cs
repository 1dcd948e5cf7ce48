using Microsoft.Win32.SafeHandles;

namespace ThanosLab.Engine.IO;

/// <summary>
/// Random access to a block file through one reusable buffer: a read inside the current window is
/// served from memory, anything else refills the window from the requested offset. Readers of the
/// index and chunk segments move mostly forward, so a block of any length is read with a few large
/// reads and memory bounded by the window (or by the largest single record asked for). Every read
/// is checked against the file's length, so nothing outside the file is ever read.
/// </summary>
public sealed class FileWindow : IDisposable
{
    public const int DefaultWindowSize = 1 << 20;

    private readonly SafeFileHandle _handle;
    private readonly int _windowSize;
    private byte[] _buffer;
    private long _start;
    private int _count;

    private FileWindow(string path, SafeFileHandle handle, int windowSize)
    {
        Path = path;
        _handle = handle;
        Length = RandomAccess.GetLength(handle);
        _windowSize = windowSize;
        _buffer = Array.Empty<byte>();
    }

    public string Path { get; }

    public long Length { get; }

    /// <summary>Opens <paramref name="path"/>, which must be a regular file inside <paramref name="root"/> (see <see cref="RegularFile"/>).</summary>
    public static FileWindow Open(string path, string root, int windowSize = DefaultWindowSize)
    {
        var handle = RegularFile.OpenHandle(path, root, FileOptions.SequentialScan);
        return new FileWindow(path, handle, windowSize);
    }

    /// <summary>True when [offset, offset+length) lies inside the file.</summary>
    public bool Contains(long offset, long length) => offset >= 0 && length >= 0 && offset <= Length && length <= Length - offset;

    /// <summary>
    /// The bytes [offset, offset+length), valid until the next read; false when the range is not
    /// inside the file.
    /// </summary>
    public bool TryRead(long offset, int length, out ReadOnlySpan<byte> bytes)
    {
        if (!Contains(offset, length))
        {
            bytes = default;
            return false;
        }
        if (offset < _start || offset + length > _start + _count)
        {
            Fill(offset, length);
        }
        bytes = _buffer.AsSpan((int)(offset - _start), length);
        return true;
    }

    /// <summary>Up to <paramref name="maxLength"/> bytes from <paramref name="offset"/>, fewer at the end of the file.</summary>
    public ReadOnlySpan<byte> ReadAtMost(long offset, int maxLength)
    {
        if (offset < 0 || offset >= Length)
        {
            return default;
        }
        var length = (int)Math.Min(maxLength, Length - offset);
        TryRead(offset, length, out var bytes);
        return bytes;
    }

    private void Fill(long offset, int length)
    {
        var size = (int)Math.Min(Math.Max(length, _windowSize), Length - offset);
        if (_buffer.Length < size)
        {
            _buffer = new byte[size];
        }
        var read = 0;
        while (read < size)
        {
            var n = RandomAccess.Read(_handle, _buffer.AsSpan(read, size - read), offset + read);
            if (n == 0)
            {
                throw new ThanosLabException(ErrorKind.ReadError, "FileShrank",
                    $"'{Path}' ended at {offset + read} bytes while it was being read; it was {Length} bytes when opened.", Path,
                    "Do not modify a block while it is read.");
            }
            read += n;
        }
        _start = offset;
        _count = size;
    }

    /// <summary>Drops the buffer (the next read allocates it again), so idle files hold no memory.</summary>
    public void ReleaseBuffer()
    {
        _buffer = Array.Empty<byte>();
        _start = 0;
        _count = 0;
    }

    public void Dispose() => _handle.Dispose();
}
