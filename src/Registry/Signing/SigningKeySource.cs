namespace HybridInference.Registry.Signing;

/// <summary>Where the configured private key's PEM comes from, for the validator and the signer alike.</summary>
internal static class SigningKeySource
{
    public static string ReadPem(SigningOptions options, IHostEnvironment environment) =>
        string.IsNullOrWhiteSpace(options.PrivateKeyFile)
            ? options.PrivateKeyPem!
            : File.ReadAllText(Path.GetFullPath(options.PrivateKeyFile, environment.ContentRootPath));

    public static string Describe(SigningOptions options) =>
        string.IsNullOrWhiteSpace(options.PrivateKeyFile)
            ? $"{SigningOptions.SectionName}:PrivateKeyPem"
            : $"{SigningOptions.SectionName}:PrivateKeyFile '{options.PrivateKeyFile}'";
}
