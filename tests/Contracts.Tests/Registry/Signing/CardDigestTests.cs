using System.Text.Json;
using HybridInference.Contracts.Registry;
using HybridInference.Contracts.Registry.Signing;

namespace HybridInference.Contracts.Tests.Registry.Signing;

/// <summary>The card digest is the same for every spelling of one card and differs for any change of its content.</summary>
public sealed class CardDigestTests
{
    private static string Of(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CardDigest.Of(document.RootElement);
    }

    [Fact]
    public void Of_OrderWhitespaceAndEscapes_DoNotChangeIt()
    {
        var a = Of("{\"name\":\"fashion-edge\",\"classes\":[\"T-shirt/top\",\"Trouser\"],\"accuracy\":0.91}");
        var b = Of("{ \"accuracy\" : 0.91,\n  \"classes\": [\"T-shirt\\/top\", \"Trouser\"],\n  \"n\\u0061me\": \"fashion-edge\" }");

        Assert.Equal(a, b);
        Assert.True(Digest.IsValid(a));
    }

    [Theory]
    [InlineData("{\"name\":\"fashion-edge\",\"classes\":[\"Trouser\",\"T-shirt/top\"],\"accuracy\":0.91}")]
    [InlineData("{\"name\":\"fashion-edge\",\"classes\":[\"T-shirt/top\",\"Trouser\"],\"accuracy\":0.92}")]
    [InlineData("{\"name\":\"fashion-edgE\",\"classes\":[\"T-shirt/top\",\"Trouser\"],\"accuracy\":0.91}")]
    [InlineData("{\"name\":\"fashion-edge\",\"classes\":[\"T-shirt/top\",\"Trouser\"],\"accuracy\":0.91,\"x\":null}")]
    public void Of_AnyChangeOfContent_ChangesIt(string changed)
    {
        Assert.NotEqual(Of("{\"name\":\"fashion-edge\",\"classes\":[\"T-shirt/top\",\"Trouser\"],\"accuracy\":0.91}"), Of(changed));
    }

    [Fact]
    public void Of_SurvivesTheRoundTripOfAServedVersion()
    {
        var card = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "models", "fashion-edge", "1", "model-card.json"));
        using var document = JsonDocument.Parse(card);
        var version = new ModelVersion("fashion-edge", 1, "sha256:" + new string('a', 64), 1, [], [], null, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, "seed", document.RootElement.Clone());

        var served = JsonSerializer.Deserialize(JsonSerializer.Serialize(version, RegistryJsonContext.Default.ModelVersion), RegistryJsonContext.Default.ModelVersion)!;

        Assert.Equal(CardDigest.Of(document.RootElement), CardDigest.Of(served.Card));
    }
}
