namespace ThanosLab.Engine.Tsdb.Labels;

/// <summary>
/// Orders strings as their UTF-8 bytes compare, which is how Prometheus sorts label names and values,
/// symbols, series and postings (Go compares strings byte by byte). Ordinal UTF-16 order differs: it
/// puts U+E000 to U+FFFF after the surrogates that encode characters above U+FFFF (emoji), while
/// UTF-8 puts them before.
/// </summary>
public sealed class Utf8ByteOrder : IComparer<string>
{
    public static readonly Utf8ByteOrder Instance = new();

    private Utf8ByteOrder()
    {
    }

    int IComparer<string>.Compare(string? x, string? y) =>
        x is null || y is null ? (x is null ? 0 : 1) - (y is null ? 0 : 1) : Compare(x, y);

    /// <summary>UTF-8 byte order, computed on the UTF-16 code units without encoding either string.</summary>
    public static int Compare(string x, string y)
    {
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            int a = x[i], b = y[i];
            if (a == b) continue;
            // Code point order (= UTF-8 byte order): surrogates go above U+E000..U+FFFF.
            if (a >= 0xD800 && b >= 0xD800)
            {
                a = Rank(a);
                b = Rank(b);
            }
            return a - b;
        }
        return x.Length - y.Length;
    }

    private static int Rank(int unit) => unit >= 0xE000 ? unit - 0x800 : unit + 0x2000;
}
