using HybridInference.Shared.Options;
using Microsoft.Extensions.Options;

namespace HybridInference.ServiceDefaults.Limits;

internal sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    /// <summary>Above this a policy bounds nothing a single service could serve; a typo (an extra zero or two) more likely.</summary>
    public const int MaxPermitsPerSecond = 1_000_000;

    public const long MaxJsonBodyBytes = 64L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var errors = new SettingErrors(LimitsOptions.SectionName);
        Check(errors, nameof(LimitsOptions.Inference), options.Inference);
        Check(errors, nameof(LimitsOptions.Admin), options.Admin);
        errors.Range(nameof(LimitsOptions.JsonBodyBytes), options.JsonBodyBytes, 1024, MaxJsonBodyBytes);
        return errors.Result;
    }

    private static void Check(SettingErrors errors, string policy, ClientRateLimit limit)
    {
        errors.Range($"{policy}:{nameof(ClientRateLimit.PermitsPerSecond)}", limit.PermitsPerSecond, 0, MaxPermitsPerSecond);
        if (limit.Burst is { } burst)
        {
            errors.Range($"{policy}:{nameof(ClientRateLimit.Burst)}", burst, 1, 2.0 * MaxPermitsPerSecond);
        }
    }
}
