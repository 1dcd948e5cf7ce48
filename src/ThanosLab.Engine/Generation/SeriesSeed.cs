using System.IO.Hashing;
using System.Text;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// thanosbench's per-series seed (formats.md §17.3): XXH64 over <c>name 0xFF value 0xFF</c> of each
/// series label (target label first), then of each external label, read as a signed 64-bit integer.
/// The same labels give the same values in every block. An instance serves the targets of one
/// series spec, with the bytes they share encoded once.
/// </summary>
public sealed class SeriesSeed
{
    private const byte Separator = 0xFF;

    private static readonly byte[] TargetName = Encoding.UTF8.GetBytes(SeriesSpec.TargetLabel);

    // The spec's and the external labels' bytes, which follow the target's in every series.
    private readonly byte[] _shared;
    private byte[] _input = new byte[256];

    public SeriesSeed(LabelSet specLabels, LabelSet externalLabels)
    {
        var shared = new List<byte>();
        foreach (var l in specLabels.Concat(externalLabels))
        {
            shared.AddRange(Encoding.UTF8.GetBytes(l.Name));
            shared.Add(Separator);
            shared.AddRange(Encoding.UTF8.GetBytes(l.Value));
            shared.Add(Separator);
        }
        _shared = shared.ToArray();
    }

    public static ulong Hash(string target, LabelSet specLabels, LabelSet externalLabels) =>
        new SeriesSeed(specLabels, externalLabels).HashOf(target);

    public static long Seed(string target, LabelSet specLabels, LabelSet externalLabels) =>
        unchecked((long)Hash(target, specLabels, externalLabels));

    /// <summary>The seed of the series whose target label is <paramref name="target"/>.</summary>
    public long SeedOf(string target) => unchecked((long)HashOf(target));

    public ulong HashOf(string target)
    {
        var length = TargetName.Length + 2 + Encoding.UTF8.GetMaxByteCount(target.Length) + _shared.Length;
        if (_input.Length < length)
        {
            _input = new byte[length];
        }
        var span = _input.AsSpan();
        TargetName.CopyTo(span);
        var n = TargetName.Length;
        span[n++] = Separator;
        n += Encoding.UTF8.GetBytes(target, span[n..]);
        span[n++] = Separator;
        _shared.CopyTo(span[n..]);
        return XxHash64.HashToUInt64(span[..(n + _shared.Length)]);
    }
}
