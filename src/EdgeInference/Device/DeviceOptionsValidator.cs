using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Device;

/// <summary>Cross-field rules of the device model that attributes cannot express.</summary>
internal sealed class DeviceOptionsValidator : IValidateOptions<DeviceOptions>
{
    public ValidateOptionsResult Validate(string? name, DeviceOptions options)
    {
        List<string> errors = [];
        if (!(options.ResumeCelsius < options.ThrottleCelsius))
        {
            errors.Add($"Edge:Device:ResumeCelsius ({options.ResumeCelsius}) must be below Edge:Device:ThrottleCelsius ({options.ThrottleCelsius}), or the device would never recover.");
        }

        if (options.MemoryBaseMiB > options.MemoryTotalMiB)
        {
            errors.Add($"Edge:Device:MemoryBaseMiB ({options.MemoryBaseMiB}) exceeds Edge:Device:MemoryTotalMiB ({options.MemoryTotalMiB}).");
        }

        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
