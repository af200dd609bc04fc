using System.Text.Json;
using HybridInference.Contracts.Registry.Signing;
using HybridInference.Registry.Artifacts;
using HybridInference.Registry.Signing;
using HybridInference.Registry.Validation;
using Microsoft.Extensions.Logging;

namespace HybridInference.Registry.Models;

/// <summary>
/// Registers a model version: stores the artifact once by SHA-256, returns the existing version for known
/// content, and accepts new content only when its card is complete, ONNX Runtime loads it, its signature
/// is the card's, and it keeps the signature of the model's earlier versions. Each new version is signed
/// (<see cref="ModelSigner"/>); known content registered again with the same card is signed again when its
/// envelope is missing or by another key, so a restarted registry with a new key re-signs what it seeds.
/// </summary>
public sealed partial class ModelRegistrar(ArtifactStore artifacts, ModelRegistryStore registry, ModelSigner signer, TimeProvider time, ILogger<ModelRegistrar> logger)
{
    public async Task<RegistrationOutcome> RegisterAsync(
        string model,
        Stream content,
        JsonElement card,
        int? parentVersion,
        IReadOnlyDictionary<string, string> tags,
        string actor,
        CancellationToken cancellationToken)
    {
        if (ModelNames.ValidateModel(model) is { } nameError)
        {
            return RegistrationOutcome.Rejected(nameError);
        }

        var staged = await artifacts.StageAsync(content, cancellationToken);
        var committed = false;
        try
        {
            if (staged.SizeBytes == 0)
            {
                return RegistrationOutcome.Rejected("model: the uploaded file is empty");
            }

            if (await registry.FindByDigestAsync(model, staged.Digest.Hex) is { } existing)
            {
                return new RegistrationOutcome(await SignAgainIfNeededAsync(existing, staged, card, actor), false, []);
            }

            var errors = ModelCardValidator.Validate(card, model, staged.Digest.Hex, out var inputs, out var outputs).ToList();
            if (errors.Count == 0)
            {
                errors.AddRange(OnnxModelValidator.Validate(staged.Path, inputs, outputs));
            }

            if (errors.Count == 0 && await registry.LatestAsync(model) is { } latest)
            {
                errors.AddRange(SignatureChanges(latest, inputs, outputs));
            }

            if (parentVersion is { } parent && await registry.GetVersionAsync(model, parent) is null)
            {
                errors.Add($"parent: version {parent} of '{model}' does not exist");
            }

            if (errors.Count > 0)
            {
                LogRejected(model, staged.Digest.ToString(), errors.Count);
                return RegistrationOutcome.Rejected(errors);
            }

            artifacts.Commit(staged);
            committed = true;
            var (version, created) = await registry.AddAsync(
                model,
                number =>
                {
                    var unsigned = new ModelVersion(model, number, staged.Digest.ToString(), staged.SizeBytes, inputs, outputs, parentVersion, tags, time.GetUtcNow(), actor, card.Clone());
                    return unsigned with { Envelope = signer.Sign(unsigned) };
                },
                staged.Digest.Hex,
                actor);
            if (created)
            {
                LogRegistered(model, version.Version, version.Digest, actor);
            }

            return new RegistrationOutcome(version, created, []);
        }
        finally
        {
            if (!committed)
            {
                artifacts.Discard(staged);
            }
        }
    }

    // Only what was just received is vouched for: the bytes hashed now (digest and size) and the card sent now.
    // A stored record whose card or size differs from them is left as it is, signed or not.
    private async Task<ModelVersion> SignAgainIfNeededAsync(ModelVersion existing, StagedArtifact staged, JsonElement card, string actor)
    {
        if (!signer.NeedsSignature(existing) || existing.SizeBytes != staged.SizeBytes || CardDigest.Of(existing.Card) != CardDigest.Of(card))
        {
            return existing;
        }

        var signed = existing with { Envelope = signer.Sign(existing) };
        await registry.SetEnvelopeAsync(signed, actor, $"signed by {signer.KeyId}");
        LogSignedAgain(existing.Name, existing.Version, signer.KeyId!);
        return signed;
    }

    private static IEnumerable<string> SignatureChanges(ModelVersion latest, IReadOnlyList<TensorSignature> inputs, IReadOnlyList<TensorSignature> outputs)
    {
        static bool Same(IReadOnlyList<TensorSignature> a, IReadOnlyList<TensorSignature> b) =>
            a.Count == b.Count && a.All(x => b.Any(y => y.SameAs(x)));

        if (!Same(latest.Inputs, inputs) || !Same(latest.Outputs, outputs))
        {
            yield return $"signature: version {latest.Version} of '{latest.Name}' takes [{string.Join(", ", latest.Inputs)}] and returns " +
                $"[{string.Join(", ", latest.Outputs)}]; this file takes [{string.Join(", ", inputs)}] and returns [{string.Join(", ", outputs)}]. " +
                "A new signature needs a new model name.";
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Registered {Model} version {Version} ({Digest}) by {Actor}")]
    private partial void LogRegistered(string model, int version, string digest, string actor);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Signed {Model} version {Version} again, with key {KeyId}: it was unsigned or signed by another key")]
    private partial void LogSignedAgain(string model, int version, string keyId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Rejected a version of {Model} ({Digest}): {ErrorCount} problem(s)")]
    private partial void LogRejected(string model, string digest, int errorCount);
}
