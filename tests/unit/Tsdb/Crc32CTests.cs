using System.IO.Hashing;
using System.Text;
using ThanosLab.Engine.Tsdb.Buffers;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

/// <summary>The CRC-32C of the CPU instruction path against the catalogue check value and System.IO.Hashing.</summary>
public class Crc32CTests
{
    [Fact]
    public void TheCheckValueOfTheCatalogueIsComputed()
    {
        // CRC-32/ISCSI's check value: the CRC of the ASCII digits 1 to 9.
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32C.Compute(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void EveryLengthAndAlignmentMatchesSystemIoHashing()
    {
        var data = new byte[1100];
        new Random(13).NextBytes(data);
        foreach (var start in new[] { 0, 1, 3, 7 })
        {
            for (var length = 0; length <= 70; length++)
            {
                var span = data.AsSpan(start, length);
                Assert.Equal(Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, span), Crc32C.Compute(span));
            }
            var block = data.AsSpan(start, 1093);
            Assert.Equal(Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, block), Crc32C.Compute(block));
        }
    }
}
