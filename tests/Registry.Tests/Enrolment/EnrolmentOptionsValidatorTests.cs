using HybridInference.Registry.Enrolment;
using HybridInference.Security;
using HybridInference.TestSupport;

namespace HybridInference.Registry.Tests.Enrolment;

/// <summary><c>Registry:Enrolment</c> is checked at start, every error at once, each naming its key.</summary>
public sealed class EnrolmentOptionsValidatorTests
{
    private static IReadOnlyList<string> Errors(EnrolmentOptions options) =>
        new EnrolmentOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Unconfigured_IsValid_AndEnrolsNobody() => Assert.Empty(Errors(new EnrolmentOptions()));

    [Fact]
    public void SecretsWithAKey_AreValid() => Assert.Empty(Errors(new EnrolmentOptions
    {
        SigningKey = DevTokens.NewSigningKey(),
        BootstrapSecrets = { ["plant1"] = new BootstrapSecretOptions { Hash = TestEnrolment.Hash("s"), Site = "site-a" } },
    }));

    [Fact]
    public void EveryMistake_IsNamed()
    {
        var errors = Errors(new EnrolmentOptions
        {
            BootstrapSecrets =
            {
                ["plant1"] = new BootstrapSecretOptions { Hash = "the-secret-itself", Site = "a site" },
                ["bad/name"] = new BootstrapSecretOptions { Hash = TestEnrolment.Hash("s") },
            },
            CredentialLifetimeDays = 0,
            CheckMilliseconds = 10,
            Issuer = " ",
        });

        Assert.Contains("Registry:Enrolment: bootstrap secrets are configured but no SigningKey or SigningKeyFile to sign device credentials with", errors);
        Assert.Contains("Registry:Enrolment:BootstrapSecrets:plant1:Hash must be the 64 hex digits of the secret's SHA-256, not the secret", errors);
        Assert.Contains(errors, e => e.StartsWith("Registry:Enrolment:BootstrapSecrets:plant1:Site 'a site' is invalid", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Registry:Enrolment:BootstrapSecrets: the name 'bad/name' is invalid", StringComparison.Ordinal));
        Assert.Contains("Registry:Enrolment:CredentialLifetimeDays must be between 1 and 3650 (was 0)", errors);
        Assert.Contains("Registry:Enrolment:CheckMilliseconds must be between 50 and 60000 (was 10)", errors);
        Assert.Contains("Registry:Enrolment:Issuer is required", errors);
    }

    [Fact]
    public void AShortKey_OrAMissingKeyFile_IsNamed()
    {
        Assert.Contains($"Registry:Enrolment:SigningKey must be base64 of at least {DevTokens.KeyBytes} bytes", Errors(new EnrolmentOptions { SigningKey = Convert.ToBase64String(new byte[8]) }));
        Assert.Contains("Registry:Enrolment:SigningKeyFile '/no/such/key' does not exist", Errors(new EnrolmentOptions { SigningKeyFile = "/no/such/key" }));
    }
}
