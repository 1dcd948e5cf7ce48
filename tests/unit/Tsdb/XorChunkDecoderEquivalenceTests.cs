using ThanosLab.Engine.Tsdb.Chunkenc;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

/// <summary>The whole-chunk decoder and the sample iterator agree on every chunk, corrupt ones above all.</summary>
public class XorChunkDecoderEquivalenceTests
{
    [Fact]
    public void BatchAndIteratorAgreeOnCorruptChunks()
    {
        var rnd = new Random(77);
        for (var round = 0; round < 20_000; round++)
        {
            var (chunk, _) = XorChunkBatchDecoderTests.RandomChunk(rnd, rnd.Next(4) == 0 ? rnd.Next(1, 4) : rnd.Next(1, 200));
            switch (rnd.Next(4))
            {
                case 0:
                    chunk = chunk[..rnd.Next(chunk.Length + 1)];
                    break;
                case 1:
                    chunk[rnd.Next(chunk.Length)] ^= (byte)(1 << rnd.Next(8));
                    break;
                case 2:
                    for (var i = 2; i < chunk.Length; i++)
                    {
                        chunk[i] = (byte)rnd.Next(256);
                    }
                    break;
                default:
                    chunk = chunk.Concat(new byte[rnd.Next(3)]).ToArray();
                    break;
            }
            var (batch, samples) = XorChunkBatchDecoderTests.Decode(chunk);
            var iterator = new XorChunkDecoder(chunk);
            var expected = new List<(long, ulong)>();
            while (iterator.Next())
            {
                expected.Add((iterator.Timestamp, BitConverter.DoubleToUInt64Bits(iterator.Value)));
            }
            Assert.Equal(iterator.Count, batch.Count);
            Assert.True(iterator.Error == batch.Error, Convert.ToHexString(chunk) + " " + iterator.Error + " | " + batch.Error);
            Assert.Equal(expected, samples);
            if (batch.Error is null)
            {
                Assert.Equal(iterator.HasExactLength, batch.HasExactLength);
                Assert.Equal(iterator.UsedBytes, batch.UsedBytes);
            }
        }
    }
}
