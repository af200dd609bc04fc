using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace HybridInference.AppHost;

internal static class SigningResourceExtensions
{
    /// <summary>The AppHost setting of a fixed signing key (PEM, P-256); unset, each run generates its own pair.</summary>
    public const string PrivateKeySetting = "ModelSigning:PrivateKeyPem";

    /// <summary>
    /// Model signing for this run: the registry signs with the private key (<c>Registry__Signing__PrivateKeyPem</c>), the
    /// cloud server and every edge node trust its public key (<c>CloudRegistry__Signing__PublicKeys__0</c>,
    /// <c>Fleet__Signing__PublicKeys__0</c>). The key is <see cref="PrivateKeySetting"/> when set (user secrets, say),
    /// else a fresh P-256 pair per run, so <c>dotnet run</c> needs no set-up; the store lives as long as the run, so
    /// nothing signed by an earlier run's key survives to be refused.
    /// </summary>
    public static void AddModelSigning(
        this IDistributedApplicationBuilder builder,
        IResourceBuilder<ProjectResource> registry,
        IResourceBuilder<ProjectResource> cloud,
        IReadOnlyList<IResourceBuilder<ProjectResource>> edges)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (builder.Configuration[PrivateKeySetting] is { Length: > 0 } configured)
        {
            try
            {
                key.ImportFromPem(configured);
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                throw new DistributedApplicationException($"{PrivateKeySetting} is not a PEM EC private key: {ex.Message}");
            }

            if (key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new DistributedApplicationException($"{PrivateKeySetting} must be a P-256 (prime256v1) key.");
            }
        }

        var publicKey = key.ExportSubjectPublicKeyInfoPem();
        registry.WithEnvironment("Registry__Signing__PrivateKeyPem", key.ExportPkcs8PrivateKeyPem());
        cloud.WithEnvironment("CloudRegistry__Signing__PublicKeys__0", publicKey);
        foreach (var edge in edges)
        {
            edge.WithEnvironment("Fleet__Signing__PublicKeys__0", publicKey);
        }
    }
}
