using System.Text;
using HybridInference.Contracts.Registry.Signing;

namespace HybridInference.Contracts.Tests.Registry.Signing;

/// <summary>The PAE bytes as the DSSE specification spells them out.</summary>
public sealed class PaeTests
{
    [Fact]
    public void Encode_TheSpecificationsExample()
    {
        // DSSE protocol.md: PAE("http://example.com/HelloWorld", "hello world").
        var pae = Pae.Encode("http://example.com/HelloWorld", "hello world"u8);

        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world", Encoding.UTF8.GetString(pae));
    }

    [Fact]
    public void Encode_LengthsAreUtf8ByteCounts()
    {
        var pae = Pae.Encode("t/é", "ü"u8);

        Assert.Equal("DSSEv1 4 t/é 2 ü", Encoding.UTF8.GetString(pae));
    }
}
