using HybridInference.Faults.Model;
using Microsoft.Extensions.Options;

namespace HybridInference.Faults.Distribution;

/// <summary>Checks <see cref="StoredFaultLimits"/> at start, naming each bad setting and its value.</summary>
internal sealed class StoredFaultLimitsValidator : IValidateOptions<StoredFaultLimits>
{
    public ValidateOptionsResult Validate(string? name, StoredFaultLimits options)
    {
        List<string> errors = [];
        var hour = (int)FaultLimits.MaxDuration.TotalSeconds;
        if (options.MaxDurationSeconds < 1 || options.MaxDurationSeconds > hour)
        {
            errors.Add($"{StoredFaultLimits.Section}:{nameof(options.MaxDurationSeconds)} must be between 1 and {hour} (was {options.MaxDurationSeconds})");
        }

        if (options.MaxActive < 1 || options.MaxActive > FaultLimits.MaxStoredFaults)
        {
            errors.Add($"{StoredFaultLimits.Section}:{nameof(options.MaxActive)} must be between 1 and {FaultLimits.MaxStoredFaults} (was {options.MaxActive})");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
