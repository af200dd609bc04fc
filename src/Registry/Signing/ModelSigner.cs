using System.Security.Cryptography;
using HybridInference.Contracts.Registry.Signing;
using Microsoft.Extensions.Options;

namespace HybridInference.Registry.Signing;

/// <summary>
/// Signs each version the registry registers: a <see cref="ModelStatement"/> of its name, number, digest, size and
/// card digest in a DSSE envelope (<see cref="ModelEnvelopes"/>). Reads its key at start and says which key it
/// signs with, or warns that versions go out unsigned when <c>Registry:Signing:Disabled</c> is set.
/// </summary>
public sealed partial class ModelSigner : IHostedService, IDisposable
{
    private readonly ECDsa? _key;
    private readonly ILogger<ModelSigner> _logger;

    public ModelSigner(IOptions<SigningOptions> options, IHostEnvironment environment, ILogger<ModelSigner> logger)
    {
        _logger = logger;
        if (!options.Value.Disabled)
        {
            _key = P256Keys.ImportPrivate(SigningKeySource.ReadPem(options.Value, environment));
            KeyId = ModelEnvelopes.KeyIdOf(_key);
        }
    }

    /// <summary>The id of the signing key (null when signing is off).</summary>
    public string? KeyId { get; }

    /// <summary>The envelope of <paramref name="version"/>, or null when signing is off.</summary>
    public DsseEnvelope? Sign(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return _key is null
            ? null
            : ModelEnvelopes.Sign(new ModelStatement(version.Name, version.Version, version.Digest, version.SizeBytes, CardDigest.Of(version.Card)), _key);
    }

    /// <summary>Whether <paramref name="version"/> lacks this signer's signature (unsigned, or signed by a key since rotated out).</summary>
    public bool NeedsSignature(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return KeyId is not null && version.Envelope?.Signatures.Any(s => s.KeyId == KeyId) != true;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (KeyId is null)
        {
            LogSigningOff();
        }
        else
        {
            LogSigningWith(KeyId);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _key?.Dispose();

    [LoggerMessage(EventId = 150, Level = LogLevel.Information, Message = "Signing model versions with key {KeyId}")]
    private partial void LogSigningWith(string keyId);

    [LoggerMessage(EventId = 151, Level = LogLevel.Warning, Message = "MODEL SIGNING IS OFF (Registry:Signing:Disabled=true): versions are registered unsigned and every node that verifies signatures will refuse them. Never run a production registry like this.")]
    private partial void LogSigningOff();
}
