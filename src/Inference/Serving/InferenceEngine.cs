using System.Globalization;
using System.Text.Json;
using HybridInference.Contracts.Oip;
using HybridInference.Contracts.Validation;
using HybridInference.Inference.Models;
using HybridInference.Inference.Repository;
using HybridInference.Inference.Telemetry;

namespace HybridInference.Inference.Serving;

/// <summary>
/// The protocol-independent core of serving: resolve the model version, validate the request against
/// it, run it (directly or through the batch queue), and shape the outputs the client asked for. HTTP
/// and gRPC both translate to and from <see cref="InferenceRequest"/>/<see cref="InferenceResponse"/>
/// and come here, so both refuse the same inputs with the same words.
/// </summary>
public sealed class InferenceEngine(ModelCatalog catalog, InferenceMetrics metrics, TimeProvider time)
{
    public async Task<InferenceResponse> InferAsync(string modelName, string? version, InferenceRequest request, string protocol, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        ServedModel? served = null;
        try
        {
            served = Acquire(modelName, version);
            try
            {
                var response = await InferAsync(served, request, cancellationToken).ConfigureAwait(false);
                metrics.RecordRequest(served.Name, served.Version, protocol, "success", time.GetElapsedTime(started));
                return response;
            }
            finally
            {
                served.Release();
            }
        }
        catch (OipException ex)
        {
            metrics.RecordRequest(served?.Name ?? "unknown", served?.Version ?? "", protocol, Outcome(ex.StatusCode));
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.RecordRequest(served?.Name ?? "unknown", served?.Version ?? "", protocol, "error");
            throw;
        }
    }

    /// <summary>
    /// Resolves and holds a version for one request. A version retired by a swap between the two steps is
    /// skipped: resolving again finds its replacement, so no request fails or waits during a swap.
    /// </summary>
    private ServedModel Acquire(string modelName, string? version)
    {
        while (true)
        {
            var served = catalog.Resolve(modelName, version);
            if (served.TryAcquire())
            {
                return served;
            }
        }
    }

    /// <summary>
    /// Counts a request refused before it reached the engine (unreadable body, too large, bad gRPC
    /// framing), under the model's name only when this server serves it, so garbage names cannot
    /// inflate the metric's cardinality.
    /// </summary>
    public void RecordRefused(string modelName, string? version, string protocol, OipException refusal)
    {
        var known = catalog.VersionsOf(modelName).Count > 0;
        metrics.RecordRequest(known ? modelName : "unknown", known ? version ?? "" : "", protocol, Outcome(refusal.StatusCode));
    }

    private async Task<InferenceResponse> InferAsync(ServedModel served, InferenceRequest request, CancellationToken cancellationToken)
    {
        var metadata = served.Metadata;
        var problem = InferenceRequestValidator.Validate(request, metadata, served.Options.MaxBatchSize);
        if (problem is not null)
        {
            throw new OipException(OipStatus.BadRequest, problem);
        }

        var input = request.Inputs![0];
        var rows = checked((int)input.Shape![0]);
        var values = ToSingles(input, served.Options);
        var outputs = RequestedOutputs(request, served);

        var result = await served.Executor.ExecuteAsync(values, rows, cancellationToken).ConfigureAwait(false);
        metrics.RecordQueued(served.Name, served.Version, result.QueueTime);

        var classes = served.Model.Classes;
        var top = new long[rows];
        var confidence = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var row = result.Output.AsSpan(r * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            top[r] = best;
            confidence[r] = row[best];
            metrics.RecordConfidence(served.Name, served.Version, row[best]);
        }

        List<ResponseOutput> answer = [];
        foreach (var (name, classification) in outputs)
        {
            answer.Add(name switch
            {
                OutputNames.TopClass => new ResponseOutput { Name = name, Datatype = Datatypes.Int64, Shape = [rows], Data = TensorData.FromInt64s(top) },
                OutputNames.Confidence => new ResponseOutput { Name = name, Datatype = Datatypes.Fp32, Shape = [rows], Data = TensorData.FromSingles(confidence) },
                _ when classification > 0 => Classify(name, result.Output, rows, classes, classification, ModelCardFile.ClassNames(served.Card)),
                _ => new ResponseOutput { Name = name, Datatype = Datatypes.Fp32, Shape = [rows, classes], Data = TensorData.FromSingles(result.Output) },
            });
        }

        return new InferenceResponse { ModelName = served.Name, ModelVersion = served.Version, Id = request.Id, Outputs = answer };
    }

    private static float[] ToSingles(RequestInput input, ModelServingOptions options)
    {
        var name = input.Name!;
        if (input.Data!.Singles is { } singles)
        {
            return TensorValidator.ValidateRange(name, singles, options.InputMin, options.InputMax) is { } bad
                ? throw new OipException(OipStatus.BadRequest, bad)
                : singles;
        }

        var numbers = input.Data.Numbers!;
        if (TensorValidator.ValidateRange(name, numbers, options.InputMin, options.InputMax) is { } problem)
        {
            throw new OipException(OipStatus.BadRequest, problem);
        }

        var values = new float[numbers.Length];
        for (var i = 0; i < numbers.Length; i++)
        {
            values[i] = (float)numbers[i];
        }

        return values;
    }

    private static List<(string Name, int Classification)> RequestedOutputs(InferenceRequest request, ServedModel served)
    {
        List<(string, int)> outputs = [];
        if (request.Outputs is not { Count: > 0 })
        {
            outputs.Add((served.Output.Name, 0));
            if (Flag(request.Parameters, OutputNames.TopClassParameter))
            {
                outputs.Add((OutputNames.TopClass, 0));
                outputs.Add((OutputNames.Confidence, 0));
            }

            return outputs;
        }

        foreach (var output in request.Outputs)
        {
            var k = 0;
            if (output.Parameters?.TryGetValue(OutputNames.ClassificationParameter, out var value) == true)
            {
                if (output.Name != served.Output.Name)
                {
                    throw new OipException(OipStatus.BadRequest, $"output '{output.Name}' does not take the '{OutputNames.ClassificationParameter}' parameter; only '{served.Output.Name}' does");
                }

                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out k) || k < 1 || k > served.Model.Classes)
                {
                    throw new OipException(OipStatus.BadRequest, $"output '{output.Name}' parameter '{OutputNames.ClassificationParameter}' must be an integer from 1 to {served.Model.Classes}, not {value.GetRawText()}");
                }
            }

            outputs.Add((output.Name!, k));
        }

        return outputs;
    }

    private static bool Flag(Dictionary<string, JsonElement>? parameters, string name)
    {
        if (parameters is null || !parameters.TryGetValue(name, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new OipException(OipStatus.BadRequest, $"parameter '{name}' must be true or false, not {value.GetRawText()}"),
        };
    }

    /// <summary>Triton's classification output: per row the top k as "score:index[:label]", best first.</summary>
    private static ResponseOutput Classify(string name, float[] probabilities, int rows, int classes, int k, IReadOnlyList<string> labels)
    {
        var data = new string[rows * k];
        var order = new int[classes];
        for (var r = 0; r < rows; r++)
        {
            var row = probabilities.AsSpan(r * classes, classes).ToArray();
            for (var c = 0; c < classes; c++)
            {
                order[c] = c;
            }

            Array.Sort(row, order);
            for (var i = 0; i < k; i++)
            {
                var c = order[classes - 1 - i];
                var score = row[classes - 1 - i].ToString("F6", CultureInfo.InvariantCulture);
                data[(r * k) + i] = c < labels.Count ? $"{score}:{c}:{labels[c]}" : $"{score}:{c}";
            }
        }

        return new ResponseOutput { Name = name, Datatype = Datatypes.Bytes, Shape = [rows, k], Data = TensorData.FromStrings(data) };
    }

    private static string Outcome(int status) => status switch
    {
        OipStatus.NotFound => "not_found",
        OipStatus.PayloadTooLarge => "too_large",
        OipStatus.ServiceUnavailable => "unavailable",
        _ => "invalid",
    };
}
