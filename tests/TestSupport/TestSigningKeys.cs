using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;

namespace HybridInference.TestSupport;

/// <summary>
/// The model-signing keys of in-process test services, configured the way the AppHost configures them: the
/// registry gets <see cref="Registry"/>'s private key, edge and cloud nodes its public key. <see cref="Other"/> is a
/// second real key pair no node trusts, for "signed by another key". Generated once per test run.
/// </summary>
public static class TestSigningKeys
{
    public const string RegistryPrivateKeySetting = "Registry:Signing:PrivateKeyPem";
    public const string EdgePublicKeySetting = "Fleet:Signing:PublicKeys:0";
    public const string CloudPublicKeySetting = "CloudRegistry:Signing:PublicKeys:0";

    /// <summary>The key test registries sign with.</summary>
    public static ECDsa Registry { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>A key no test node trusts.</summary>
    public static ECDsa Other { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string RegistryPrivateKeyPem { get; } = Registry.ExportPkcs8PrivateKeyPem();

    public static string RegistryPublicKeyPem { get; } = Registry.ExportSubjectPublicKeyInfoPem();

    public static string OtherPrivateKeyPem { get; } = Other.ExportPkcs8PrivateKeyPem();

    /// <summary>Gives a registry under test the signing key, as <c>Registry__Signing__PrivateKeyPem</c> does in the AppHost.</summary>
    public static IWebHostBuilder UseRegistrySigningKey(this IWebHostBuilder web) =>
        web.UseSetting(RegistryPrivateKeySetting, RegistryPrivateKeyPem);
}
