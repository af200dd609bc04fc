using Microsoft.Extensions.Options;

namespace HybridInference.Faults;

/// <summary>Checks <see cref="FaultsOptions"/> at start, naming each bad setting and its value.</summary>
internal sealed class FaultsOptionsValidator : IValidateOptions<FaultsOptions>
{
    public ValidateOptionsResult Validate(string? name, FaultsOptions options)
    {
        List<string> errors = [];
        if (options.PollMilliseconds is < 50 or > 1000)
        {
            // Above a second the promise "applied within a second" would not hold.
            errors.Add($"Faults:PollMilliseconds must be between 50 and 1000 (was {options.PollMilliseconds})");
        }

        if (string.IsNullOrWhiteSpace(options.Service))
        {
            errors.Add("Faults:Service must name this service (was empty)");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
