using System.Globalization;
using System.Text;
using HybridInference.Contracts.Oip;

namespace HybridInference.Contracts.Tests.Oip;

public class FastDecimalTests
{
    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("1", 1.0)]
    [InlineData("0.003921569", 0.003921569)]
    [InlineData("-12.5", -12.5)]
    [InlineData("1e-5", 1e-5)]
    [InlineData("2.5E+3", 2500.0)]
    [InlineData("0.000000000000000000001", 1e-21)]
    public void TryParse_ShortDecimals_GivesTheExactDouble(string text, double expected)
    {
        Assert.True(FastDecimal.TryParse(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("12345678901234567890123")]
    [InlineData("1e-30")]
    [InlineData("9007199254740993")]
    [InlineData("-")]
    [InlineData("1e")]
    [InlineData("1.5x")]
    public void TryParse_BeyondTheExactRange_Declines(string text)
    {
        Assert.False(FastDecimal.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void TryParse_RandomDecimals_MatchesTheFullParserBitForBit()
    {
        var random = new Random(3);
        var accepted = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var text = (random.Next(4)) switch
            {
                0 => (random.Next(256) / 255f).ToString(CultureInfo.InvariantCulture),
                1 => random.NextDouble().ToString("R", CultureInfo.InvariantCulture),
                2 => (random.NextDouble() * Math.Pow(10, random.Next(-20, 20))).ToString("G17", CultureInfo.InvariantCulture),
                _ => random.Next(-1_000_000, 1_000_000).ToString(CultureInfo.InvariantCulture) + "." + random.Next(0, 999_999).ToString(CultureInfo.InvariantCulture),
            };
            if (FastDecimal.TryParse(Encoding.ASCII.GetBytes(text), out var fast))
            {
                accepted++;
                Assert.True(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)) == BitConverter.DoubleToInt64Bits(fast), text);
            }
        }

        // Pixel-like numbers must take the fast path, or it buys nothing.
        Assert.True(accepted > 100_000, $"{accepted} accepted");
    }
}
