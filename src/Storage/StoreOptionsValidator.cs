using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HybridInference.Storage;

/// <summary>
/// Rejects a connection string that StackExchange.Redis cannot parse or that names no endpoint, at
/// start-up, with a message that names the setting: a typo must not become a silent retry loop.
/// </summary>
public sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Skip; // [Required] reports the missing value.
        }

        return StoreConnectionString.TryParse(options.ConnectionString, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"ConnectionStrings:{StoreOptions.ConnectionStringName} is invalid: {error}");
    }
}
