using System.Security.Cryptography;
using HybridInference.Contracts.Registry;

namespace HybridInference.Contracts.Tests.Registry;

/// <summary>The one digest type: what it accepts, what it refuses, and that it names a file's content.</summary>
public sealed class DigestTests
{
    private const string Hex = "15cecbec5317412792169965d3675eea97ca059710d84a6f5766f599b3e2a24e";

    [Theory]
    [InlineData("sha256:" + Hex)]
    [InlineData(Hex)]
    [InlineData("SHA256:15CECBEC5317412792169965D3675EEA97CA059710D84A6F5766F599B3E2A24E")]
    public void TryParse_PrefixedBareOrUpperCase_NormalisedToTheRegistrysForm(string text)
    {
        Assert.True(Digest.TryParse(text, out var digest));
        Assert.Equal("sha256:" + Hex, digest.Value.ToString());
        Assert.Equal(Hex, digest.Value.Hex);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256:")]
    [InlineData("sha256:xyz")]
    [InlineData("sha256:" + Hex + "0")]
    [InlineData("sha256:" + "15cecbec5317412792169965d3675eea97ca059710d84a6f5766f599b3e2a24")]
    [InlineData("md5:" + Hex)]
    [InlineData("sha256:15cecbec5317412792169965d3675eea97ca059710d84a6f5766f599b3e2a2zz")]
    public void TryParse_NotADigest_False(string? text)
    {
        Assert.False(Digest.TryParse(text, out var digest));
        Assert.Null(digest);
    }

    [Fact]
    public void Parse_NotADigest_FormatExceptionQuotingIt()
    {
        var ex = Assert.Throws<FormatException>(() => Digest.Parse("sha256:xyz"));

        Assert.Contains("'sha256:xyz' is not a digest", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sha256:" + Hex, true)]
    [InlineData(Hex, false)]
    [InlineData("SHA256:" + Hex, false)]
    [InlineData("sha256:15CECBEC5317412792169965D3675EEA97CA059710D84A6F5766F599B3E2A24E", false)]
    [InlineData("sha256:" + Hex + " ", false)]
    [InlineData(null, false)]
    public void IsValid_OnlyTheExactFormTheRegistryWrites(string? text, bool valid) =>
        Assert.Equal(valid, Digest.IsValid(text));

    [Fact]
    public void Of_NotA32ByteHash_ArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => Digest.Of(new byte[20]));

        Assert.Contains("got 20", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfFile_SyncAndAsync_TheSha256OfTheContent()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, "model bytes"u8.ToArray());
            var expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData("model bytes"u8));

            Assert.Equal(expected, Digest.OfFile(path).ToString());
            Assert.Equal(expected, (await Digest.OfFileAsync(path, CancellationToken.None)).ToString());
            Assert.True(Digest.IsValid(expected));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Equality_ParsedFormsOfOneDigest_Equal() =>
        Assert.Equal(Digest.Parse(Hex), Digest.Parse("sha256:" + Hex.ToUpperInvariant()));
}
