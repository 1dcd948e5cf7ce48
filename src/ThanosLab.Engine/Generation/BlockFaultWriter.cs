using System.Buffers.Binary;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// Writes a block with a chosen <see cref="BlockFault"/>: the block spec is generated as usual into a
/// private temporary directory, then copied series by series through <see cref="BlockWriter"/> into the
/// output directory under the same ULID, with the defect made at one place of the copy. The normal
/// writers keep their checks; the one defect they would refuse (a series twice) goes through the index
/// writer's own call for it. Fault blocks are lab-sized, so the copy holds the block's series list.
/// </summary>
public static class BlockFaultWriter
{
    /// <summary>How far after the block's maxTime a <see cref="BlockFault.ChunkOutsideRange"/> chunk starts.</summary>
    public const long OutsideOffsetMilliseconds = 3_600_000;

    private sealed record Chunk(SeriesChunk Meta, byte[] Payload, int Samples);

    public static GeneratedBlock Generate(BlockSpec spec, BlockFault fault, string outputDirectory, Action<long>? samplesWritten = null, CancellationToken cancellation = default)
    {
        // The copy re-encodes and writes XOR chunks only, so a histogram series would be written wrong.
        if (spec.Series.FirstOrDefault(s => s.IsHistogram) is { } histogram)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "FaultNotApplicable",
                $"The fault {fault} is written into float series only; the plan has {histogram.Type} series {histogram.Labels}.", fault.ToString(),
                "Write the fault with a float series type (Gauge, Counter or Random).");
        }
        var scratch = Directory.CreateTempSubdirectory("thanoslab-fault-").FullName;
        try
        {
            var clean = BlockGenerator.Generate(spec, scratch, samplesWritten, cancellation);
            return Rewrite(clean.Path, fault, outputDirectory, cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.WriteError, "BlockWriteFailed",
                $"Writing a block with the fault {fault} into '{outputDirectory}' failed: {e.Message}", outputDirectory,
                "Check free space and permissions of the output directory and of the temporary directory; nothing half-written was left behind.", e);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static GeneratedBlock Rewrite(string sourcePath, BlockFault fault, string outputDirectory, CancellationToken cancellation = default)
    {
        using var reader = BlockReader.Open(sourcePath);
        var source = reader.Meta;
        var series = reader.Series().ToList();
        var target = TargetSeries(series, fault, source);

        using var writer = BlockWriter.Create(outputDirectory, source.Ulid);
        writer.Index.AddSymbols(series.SelectMany(s => s.Labels).SelectMany(l => new[] { l.Name, l.Value }));
        ulong samples = 0, chunkCount = 0, seriesCount = 0;
        for (var i = 0; i < series.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var chunks = series[i].Chunks.Select(c => Read(reader, c)).ToList();
            if (i == target)
            {
                Apply(fault, chunks, reader, source);
            }
            var metas = WriteChunks(writer.Chunks, chunks);
            writer.Index.AddSeries(series[i].Labels, metas);
            (samples, chunkCount, seriesCount) = (samples + Samples(chunks), chunkCount + (ulong)chunks.Count, seriesCount + 1);
            if (i == target && fault == BlockFault.DuplicateSeries)
            {
                writer.Index.AddDuplicateOfLastSeries(WriteChunks(writer.Chunks, chunks));
                (samples, chunkCount, seriesCount) = (samples + Samples(chunks), chunkCount + (ulong)chunks.Count, seriesCount + 1);
            }
        }
        var stats = fault == BlockFault.WrongStats
            ? new BlockStats(samples + 1, seriesCount + 1, chunkCount + 1)
            : new BlockStats(samples, seriesCount, chunkCount);
        var meta = source with { Stats = stats };
        var size = writer.Complete(meta);
        return new GeneratedBlock(meta, writer.FinalPath, size);
    }

    // The series the fault is made in; a fault that needs two chunks with room between them takes the first series that has them.
    private static int TargetSeries(List<BlockSeries> series, BlockFault fault, BlockMeta meta)
    {
        var index = fault switch
        {
            BlockFault.OutOfOrderChunks => series.FindIndex(s => s.Chunks.Count >= 2),
            BlockFault.EmptyChunk => series.FindIndex(s => s.Chunks.Count >= 2 && s.Chunks[1].MinTime - s.Chunks[0].MaxTime >= 2),
            _ => series.Count > 0 ? 0 : -1,
        };
        if (index < 0)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "FaultNotApplicable",
                $"The fault {fault} needs a series with two chunks (with a gap between them for EmptyChunk); block {meta.Id} has none.", fault.ToString(),
                "Use a plan whose series span more than one chunk (120 samples), such as the continuous-* profiles.");
        }
        return index;
    }

    private static void Apply(BlockFault fault, List<Chunk> chunks, BlockReader reader, BlockMeta meta)
    {
        switch (fault)
        {
            case BlockFault.OutOfOrderChunks:
                (chunks[0], chunks[1]) = (chunks[1], chunks[0]);
                break;
            case BlockFault.ChunkOutsideRange:
                chunks[^1] = Shifted(reader, chunks[^1].Meta, meta.MaxTime + OutsideOffsetMilliseconds - chunks[^1].Meta.MinTime);
                break;
            case BlockFault.EmptyChunk:
                var at = chunks[0].Meta.MaxTime + 1;
                chunks.Insert(1, new Chunk(new SeriesChunk(at, at, 0), new XorChunkEncoder().Bytes.ToArray(), 0));
                break;
        }
    }

    private static Chunk Read(BlockReader reader, SeriesChunk chunk)
    {
        var payload = reader.ReadRecord(chunk).Data.ToArray();
        return new Chunk(chunk, payload, BinaryPrimitives.ReadUInt16BigEndian(payload));
    }

    private static Chunk Shifted(BlockReader reader, SeriesChunk chunk, long shift)
    {
        var timestamps = new long[XorChunkEncoder.MaxSamples];
        var values = new double[XorChunkEncoder.MaxSamples];
        var n = reader.ReadChunk(chunk, timestamps, values);
        var encoder = new XorChunkEncoder();
        for (var i = 0; i < n; i++)
        {
            encoder.Append(timestamps[i] + shift, values[i]);
        }
        return new Chunk(new SeriesChunk(encoder.MinTime, encoder.MaxTime, 0), encoder.Bytes.ToArray(), n);
    }

    private static SeriesChunk[] WriteChunks(ChunkSegmentWriter segments, List<Chunk> chunks)
    {
        var payloads = chunks.SelectMany(c => c.Payload).ToArray();
        var lengths = chunks.Select(c => c.Payload.Length).ToArray();
        var refs = new ulong[chunks.Count];
        segments.WriteSeries(payloads, lengths, refs);
        return chunks.Select((c, i) => c.Meta with { Ref = refs[i] }).ToArray();
    }

    private static ulong Samples(List<Chunk> chunks) => (ulong)chunks.Sum(c => c.Samples);
}
