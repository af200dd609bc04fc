using System.Globalization;
using System.Text;

namespace HybridInference.Contracts.Registry.Signing;

/// <summary>
/// DSSE's pre-authentication encoding, the bytes actually signed: <c>"DSSEv1" SP len(type) SP type SP len(body) SP body</c>,
/// lengths as ASCII decimal byte counts. Signing the type with the body means a signature over one kind of payload
/// cannot be replayed as another.
/// </summary>
public static class Pae
{
    public static byte[] Encode(string payloadType, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} "));
        var middle = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} "));
        return [.. header, .. type, .. middle, .. payload];
    }
}
