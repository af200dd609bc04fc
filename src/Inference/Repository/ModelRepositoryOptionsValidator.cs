using Microsoft.Extensions.Options;

namespace HybridInference.Inference.Repository;

/// <summary>
/// Refuses to start on a repository that cannot serve what is asked of it, with every problem in one
/// message that names the setting and the value, instead of a healthy-looking process that never
/// becomes ready.
/// </summary>
public sealed class ModelRepositoryOptionsValidator : IValidateOptions<ModelRepositoryOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelRepositoryOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            // The [Required] attribute reports this one.
            return ValidateOptionsResult.Skip;
        }

        if (!Directory.Exists(options.Path))
        {
            return ValidateOptionsResult.Fail($"ModelRepository:Path '{options.Path}' is not a directory: point it at the model repository (<repo>/models, Triton layout <model>/<version>/model.onnx).");
        }

        var found = ModelRepositoryScanner.Scan(options.Path);
        if (found.Count == 0)
        {
            return ValidateOptionsResult.Fail($"ModelRepository:Path '{options.Path}' holds no model: expected <model>/<version>/{ModelRepositoryScanner.ModelFileName}.");
        }

        List<string> errors = [];
        var names = found.Select(m => m.Name).Distinct(StringComparer.Ordinal).ToList();
        foreach (var model in options.Models.Where(m => !names.Contains(m, StringComparer.Ordinal)))
        {
            errors.Add($"ModelRepository:Models names '{model}' but '{options.Path}' has no such model (found: {string.Join(", ", names)}).");
        }

        if (options.VersionPolicy == VersionPolicy.Specific)
        {
            if (options.Versions.Count == 0)
            {
                errors.Add("ModelRepository:Versions must list at least one version when ModelRepository:VersionPolicy is Specific.");
            }
            else
            {
                foreach (var model in options.Models.Count > 0 ? options.Models.Intersect(names) : names)
                {
                    var missing = options.Versions.Where(v => !found.Any(m => m.Name == model && m.Version == v)).ToList();
                    if (missing.Count > 0)
                    {
                        errors.Add($"ModelRepository:Versions asks for version(s) {string.Join(", ", missing)} of '{model}', which '{options.Path}' does not have.");
                    }
                }
            }
        }

        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
