using System.Text;
using ThanosLab.Engine.Tsdb.Labels;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

public class Utf8ByteOrderTests
{
    [Fact]
    public void OrdersLikeTheUtf8BytesOfEveryKindOfCharacter()
    {
        // ASCII, two- and three-byte characters on both sides of the surrogate block, and four-byte ones.
        char[] pool = { 'a', 'z', '\u00e9', '\u07ff', '\u0800', '\ud7ff', '\ue000', '\uf8ff', '\ufb01', '\uffff' };
        string[] astral = { "\U00010000", "\U0001F600", "\U0001D11E", "\U0010FFFF" };
        var random = new Random(7);
        var strings = Enumerable.Range(0, 400).Select(_ =>
        {
            var sb = new StringBuilder();
            for (var n = random.Next(0, 5); n > 0; n--)
            {
                if (random.Next(3) == 0) sb.Append(astral[random.Next(astral.Length)]);
                else sb.Append(pool[random.Next(pool.Length)]);
            }
            return sb.ToString();
        }).ToArray();
        foreach (var x in strings.Take(60))
        {
            foreach (var y in strings)
            {
                var bytes = Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
                Assert.True(Math.Sign(bytes) == Math.Sign(Utf8ByteOrder.Compare(x, y)), $"'{x}' vs '{y}'");
            }
        }
    }

    [Fact]
    public void LabelSetsSortAValueBelowUPlusFfffBeforeAnEmoji()
    {
        var privateUse = LabelSet.Create(new[] { new Label("v", "\ue000") });
        var emoji = LabelSet.Create(new[] { new Label("v", "\U0001F600") });
        Assert.True(privateUse.CompareTo(emoji) < 0);
        Assert.True(string.CompareOrdinal("\ue000", "\U0001F600") > 0, "UTF-16 order differs, which is the point of this test");
    }
}
