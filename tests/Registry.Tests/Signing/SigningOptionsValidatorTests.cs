using System.Security.Cryptography;
using HybridInference.Registry.Signing;
using HybridInference.TestSupport;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace HybridInference.Registry.Tests.Signing;

/// <summary>Each way a signing key can be misconfigured is refused with a message naming the setting.</summary>
public sealed class SigningOptionsValidatorTests
{
    private static readonly SigningOptionsValidator Validator = new(new Environment());

    private static string? Failure(SigningOptions options) => Validator.Validate(null, options).FailureMessage;

    [Fact]
    public void Pem_P256PrivateKey_IsValid() =>
        Assert.Null(Failure(new SigningOptions { PrivateKeyPem = TestSigningKeys.RegistryPrivateKeyPem }));

    [Fact]
    public void File_P256PrivateKey_IsValid()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, TestSigningKeys.Registry.ExportECPrivateKeyPem());
        try
        {
            Assert.Null(Failure(new SigningOptions { PrivateKeyFile = path }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Both_AreRefused() =>
        Assert.Contains("not both", Failure(new SigningOptions { PrivateKeyPem = TestSigningKeys.RegistryPrivateKeyPem, PrivateKeyFile = "/k.pem" }), StringComparison.Ordinal);

    [Fact]
    public void MissingFile_NamesIt() =>
        Assert.Contains("Registry:Signing:PrivateKeyFile '/no/such/key.pem' is not a usable signing key", Failure(new SigningOptions { PrivateKeyFile = "/no/such/key.pem" }), StringComparison.Ordinal);

    [Fact]
    public void PublicKeyInsteadOfPrivate_IsRefused() =>
        Assert.Contains("the PEM block is 'PUBLIC KEY'", Failure(new SigningOptions { PrivateKeyPem = TestSigningKeys.RegistryPublicKeyPem }), StringComparison.Ordinal);

    [Fact]
    public void OtherCurve_IsRefused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Contains("expected P-256", Failure(new SigningOptions { PrivateKeyPem = p384.ExportPkcs8PrivateKeyPem() }), StringComparison.Ordinal);
    }

    [Fact]
    public void RsaKey_IsRefused()
    {
        using var rsa = RSA.Create(2048);

        Assert.Contains("Registry:Signing:PrivateKeyPem is not a usable signing key", Failure(new SigningOptions { PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem() }), StringComparison.Ordinal);
    }

    [Fact]
    public void DisabledWithAKey_IsRefused_AsAmbiguous() =>
        Assert.Contains("Disabled is true but a private key is configured", Failure(new SigningOptions { Disabled = true, PrivateKeyPem = TestSigningKeys.RegistryPrivateKeyPem }), StringComparison.Ordinal);

    [Fact]
    public void Disabled_IsValid() => Assert.Null(Failure(new SigningOptions { Disabled = true }));

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "Registry.Tests";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
