namespace HybridInference.Registry.Models;

/// <summary>What a registration did: created a version, found the same content already registered, or refused.</summary>
public sealed record RegistrationOutcome(ModelVersion? Version, bool Created, IReadOnlyList<string> Errors)
{
    public static RegistrationOutcome Rejected(params IReadOnlyList<string> errors) => new(null, false, errors);
}
