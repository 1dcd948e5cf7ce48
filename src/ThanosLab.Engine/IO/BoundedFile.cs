using System.Globalization;
using System.Text;

namespace ThanosLab.Engine.IO;

/// <summary>
/// Reads a whole text file given to us from outside, never more than the caller's limit: a huge file,
/// or a path that is a device such as /dev/zero, must not grow the process without end.
/// </summary>
public static class BoundedFile
{
    /// <param name="what">How the error names the file, e.g. "The plan file".</param>
    /// <param name="errorId">The error's id when the file is larger than <paramref name="maxBytes"/>.</param>
    public static string ReadAllText(string path, int maxBytes, string what, string errorId)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.CanSeek && stream.Length > maxBytes) throw TooLarge(path, maxBytes, what, errorId);
        // A device reports length 0 and never ends, so the limit is counted while reading too.
        var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            content.Write(buffer, 0, read);
            if (content.Length > maxBytes) throw TooLarge(path, maxBytes, what, errorId);
        }
        content.Position = 0;
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static ThanosLabException TooLarge(string path, int maxBytes, string what, string errorId) =>
        new(ErrorKind.InvalidData, errorId,
            $"{what} '{path}' is larger than {(maxBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MiB, the most ThanosLab reads for it.",
            path, "Give the file ThanosLab or the tool that writes this format wrote; check that the path is not a device or another kind of file.");
}
