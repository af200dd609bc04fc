using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HybridInference.Inference.Signing;

/// <summary>
/// Every configured key is a readable P-256 public key, and a node that follows a registry trusts at least one
/// (or says explicitly that it checks nothing).
/// </summary>
public sealed class ModelTrustOptionsValidator(string section, Func<bool> followsRegistry, IHostEnvironment environment) : IValidateOptions<ModelTrustOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelTrustOptions options)
    {
        List<string> errors = [];
        var keys = TrustedKeys.Load(options, section, environment.ContentRootPath, errors);
        foreach (var key in keys.Values)
        {
            key.Dispose();
        }

        if (options.Disabled && keys.Count > 0)
        {
            errors.Add($"{section}:Disabled is true but public keys are configured too: remove one of them.");
        }

        if (!options.Disabled && keys.Count == 0 && errors.Count == 0 && followsRegistry())
        {
            errors.Add($"{section}:PublicKeys (or {section}:PublicKeyFiles) is required: the registry's ECDSA P-256 public key, PEM, so this node loads only versions the registry signed. " +
                $"{section}:Disabled=true loads unsigned versions (never in production).");
        }

        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
