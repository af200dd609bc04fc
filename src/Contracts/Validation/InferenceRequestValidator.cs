using HybridInference.Contracts.Oip;

namespace HybridInference.Contracts.Validation;

/// <summary>
/// Checks an HTTP/JSON inference request against a model's metadata: every problem a server would
/// answer with a 400, found before any tensor is built. Returns the first problem, or null.
/// </summary>
public static class InferenceRequestValidator
{
    public static string? Validate(InferenceRequest request, ModelMetadataResponse model, int maxBatchSize, IReadOnlyCollection<string>? extraOutputs = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(model);
        if (request.Inputs is null || request.Inputs.Count == 0)
        {
            return "request has no 'inputs'";
        }

        HashSet<string> seen = new(StringComparer.Ordinal);
        foreach (var input in request.Inputs)
        {
            if (input is null)
            {
                return "an input is null";
            }

            if (input.Data is null)
            {
                return string.IsNullOrWhiteSpace(input.Name) ? "an input has no 'name'" : $"input '{input.Name}' has no 'data'";
            }

            if (input.Data.Problem is { } dataProblem)
            {
                return $"input '{input.Name}': {dataProblem}";
            }

            var problem = TensorValidator.ValidateStructure(input.Name, input.Datatype, input.Shape, input.Data.Count);
            if (problem is not null)
            {
                return problem;
            }

            if (!seen.Add(input.Name!))
            {
                return $"input '{input.Name}' appears more than once";
            }

            var expected = model.Inputs.FirstOrDefault(i => i.Name == input.Name);
            if (expected is null)
            {
                return $"model '{model.Name}' has no input '{input.Name}'; its inputs are: {string.Join(", ", model.Inputs.Select(i => i.Name))}";
            }

            problem = TensorValidator.ValidateAgainst(model.Name, input.Datatype!, input.Shape!, expected, maxBatchSize);
            if (problem is not null)
            {
                return problem;
            }

            if (input.Data.Numbers is null && input.Data.Singles is null)
            {
                return $"input '{input.Name}' has datatype {input.Datatype} but its data are not numbers";
            }
        }

        var missing = model.Inputs.FirstOrDefault(i => !seen.Contains(i.Name));
        if (missing is not null)
        {
            return $"missing input '{missing.Name}' (model '{model.Name}' needs: {string.Join(", ", model.Inputs.Select(i => i.Name))})";
        }

        foreach (var output in request.Outputs ?? [])
        {
            if (string.IsNullOrWhiteSpace(output?.Name))
            {
                return "a requested output has no 'name'";
            }

            if (!model.Outputs.Any(o => o.Name == output.Name) && extraOutputs?.Contains(output.Name) != true)
            {
                var available = model.Outputs.Select(o => o.Name).Concat(extraOutputs ?? []);
                return $"model '{model.Name}' has no output '{output.Name}'; available outputs: {string.Join(", ", available)}";
            }
        }

        return null;
    }
}
