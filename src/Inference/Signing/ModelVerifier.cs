using System.Security.Cryptography;
using HybridInference.Contracts.Registry;
using HybridInference.Contracts.Registry.Signing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridInference.Inference.Signing;

/// <summary>
/// Decides whether a registry version may be loaded, before a byte of it is downloaded: its envelope is signed by
/// a trusted key, and the signed statement names the model, number, digest and size the registry serves (and the
/// desired state asks for) and the digest of the card it serves. The artifact is then checked against the signed
/// digest and size as it downloads (<see cref="Artifacts.RegistryArtifacts"/>). Says at start what it trusts.
/// </summary>
public sealed partial class ModelVerifier : IHostedService, IDisposable
{
    private readonly Dictionary<string, ECDsa> _trusted;
    private readonly bool _disabled;
    private readonly string _section;
    private readonly ILogger<ModelVerifier> _logger;

    public ModelVerifier(IOptions<ModelTrustOptions> options, string section, IHostEnvironment environment, ILogger<ModelVerifier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _section = section;
        _logger = logger;
        _disabled = options.Value.Disabled;
        _trusted = TrustedKeys.Load(options.Value, section, environment.ContentRootPath, []);
    }

    /// <summary>The ids of the trusted keys.</summary>
    public IReadOnlyCollection<string> KeyIds => _trusted.Keys;

    /// <summary>The statement <paramref name="version"/> is signed with, checked against what is served and wanted.</summary>
    /// <param name="version">The version as the registry serves it (envelope and card included).</param>
    /// <param name="model">The model the node wants.</param>
    /// <param name="number">The version number the node wants.</param>
    /// <param name="digest">The digest the node was told to run (an edge node's desired state), or null.</param>
    /// <exception cref="ModelRefusedException">The version must not be loaded; <see cref="ModelRefusedException.Reason"/> says why.</exception>
    public ModelStatement Verify(ModelVersion version, string model, long number, string? digest)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (_disabled)
        {
            return new ModelStatement(version.Name, version.Version, version.Digest, version.SizeBytes, CardDigest.Of(version.Card));
        }

        var signed = ModelEnvelopes.Open(version.Envelope, _trusted);
        if (signed.Name != model || signed.Version != number || signed.Name != version.Name || signed.Version != version.Version
            || signed.Digest != version.Digest || signed.SizeBytes != version.SizeBytes || (digest is not null && signed.Digest != digest))
        {
            throw new ModelRefusedException(RefusalReasons.StatementMismatch,
                $"the signed statement is of {signed.Name} version {signed.Version} ({signed.Digest}, {signed.SizeBytes} bytes); the registry serves {version.Name} version {version.Version} " +
                $"({version.Digest}, {version.SizeBytes} bytes) and the node wants {model} version {number}{(digest is null ? "" : $" ({digest})")}");
        }

        var card = CardDigest.Of(version.Card);
        return card == signed.CardDigest
            ? signed
            : throw new ModelRefusedException(RefusalReasons.CardMismatch, $"the card served hashes to {card}; the signed statement names {signed.CardDigest}");
    }

    /// <summary>
    /// The statement a kept envelope (a node's local cache) is signed with, checked against the copy beside it: this
    /// model and number, the digest it is cached under, the file's size and the digest of the cached card.
    /// </summary>
    /// <exception cref="ModelRefusedException">The copy must not be loaded; <see cref="ModelRefusedException.Reason"/> says why.</exception>
    public ModelStatement VerifyKept(DsseEnvelope? envelope, string model, long number, string digest, long sizeBytes, System.Text.Json.JsonElement card)
    {
        var cardDigest = CardDigest.Of(card);
        if (_disabled)
        {
            return new ModelStatement(model, checked((int)number), digest, sizeBytes, cardDigest);
        }

        var signed = ModelEnvelopes.Open(envelope, _trusted);
        if (signed.Name != model || signed.Version != number || signed.Digest != digest || signed.SizeBytes != sizeBytes)
        {
            throw new ModelRefusedException(RefusalReasons.StatementMismatch,
                $"the kept statement is of {signed.Name} version {signed.Version} ({signed.Digest}, {signed.SizeBytes} bytes); the cache holds {model} version {number} ({digest}, {sizeBytes} bytes)");
        }

        return cardDigest == signed.CardDigest
            ? signed
            : throw new ModelRefusedException(RefusalReasons.CardMismatch, $"the cached card hashes to {cardDigest}; the kept statement names {signed.CardDigest}");
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_disabled)
        {
            LogChecksOff(_section);
        }
        else
        {
            LogTrusting(_trusted.Count, string.Join(", ", _trusted.Keys));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var key in _trusted.Values)
        {
            key.Dispose();
        }
    }

    [LoggerMessage(EventId = 950, Level = LogLevel.Information, Message = "Loading only model versions signed by one of {Count} trusted key(s): {KeyIds}")]
    private partial void LogTrusting(int count, string keyIds);

    [LoggerMessage(EventId = 951, Level = LogLevel.Warning, Message = "MODEL SIGNATURE CHECKS ARE OFF ({Section}:Disabled=true): registry versions are loaded unsigned, tampered cards and swapped statements included. Never run a production node like this.")]
    private partial void LogChecksOff(string section);
}
