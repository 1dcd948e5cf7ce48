using System.IO.Hashing;
using System.Text;
using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// thanosbench's per-series seed (formats.md §17.3): XXH64 over <c>name 0xFF value 0xFF</c> of each
/// series label (target label first), then of each external label, read as a signed 64-bit integer.
/// The same labels give the same values in every block.
/// </summary>
public static class SeriesSeed
{
    private const byte Separator = 0xFF;

    public static ulong Hash(string target, LabelSet specLabels, LabelSet externalLabels)
    {
        var hash = new XxHash64();
        var buffer = new EncodingBuffer(256);
        Add(buffer, SeriesSpec.TargetLabel, target);
        foreach (var l in specLabels)
        {
            Add(buffer, l.Name, l.Value);
        }
        foreach (var l in externalLabels)
        {
            Add(buffer, l.Name, l.Value);
        }
        hash.Append(buffer.Span);
        return hash.GetCurrentHashAsUInt64();
    }

    public static long Seed(string target, LabelSet specLabels, LabelSet externalLabels) =>
        unchecked((long)Hash(target, specLabels, externalLabels));

    private static void Add(EncodingBuffer buffer, string name, string value)
    {
        buffer.PutBytes(Encoding.UTF8.GetBytes(name));
        buffer.PutByte(Separator);
        buffer.PutBytes(Encoding.UTF8.GetBytes(value));
        buffer.PutByte(Separator);
    }
}
