using System.Security.Cryptography;
using HybridInference.Contracts.Oip;
using HybridInference.Contracts.Validation;
using HybridInference.Router.Routing;
using HybridInference.Router.Tiers;

namespace HybridInference.Router.Inference;

/// <summary>What the router did with one request: an answer, or the protocol status and message of a refusal.</summary>
public sealed record RouterOutcome(HybridAnswer? Answer, InferenceResponse? Response, int Status, string? Error)
{
    public static RouterOutcome Refused(int status, string error) => new(null, null, status, error);
}

/// <summary>
/// One inference request through the router, whatever the transport: validation against the model's signature,
/// request options, request-id reuse, the hybrid answer, the prediction records and audits. HTTP and gRPC only
/// translate in and out.
/// </summary>
public sealed class RouterRequestHandler(
    IRoutingTable routing,
    ModelMetadataCache metadata,
    RequestIdGuard ids,
    HybridInferenceService service,
    PredictionRecorder recorder,
    AuditQueue audits)
{
    /// <summary>Largest batch the router accepts, like the servers' <c>max_batch_size</c>.</summary>
    public const int MaxBatchSize = 64;

    public string UnknownModelMessage(string model) =>
        $"unknown model '{model}'; the router serves: {string.Join(", ", routing.Current.Models.Keys.Order(StringComparer.Ordinal))}";

    public bool IsServed(string model) => routing.Current.Models.ContainsKey(model);

    /// <param name="model">The logical model asked for.</param>
    /// <param name="body">The parsed request.</param>
    /// <param name="wire">The request as received, to tell a retry from an id reused for another request.</param>
    /// <param name="options">Request options from the transport's headers (priority, private, site), or null.</param>
    /// <param name="wireIsJson">The wire form is the OIP JSON body, which the tiers can be sent unchanged.</param>
    public async Task<RouterOutcome> HandleAsync(
        string model, InferenceRequest body, ReadOnlyMemory<byte> wire, RequestOptions options, CancellationToken cancellationToken, bool wireIsJson = false)
    {
        if (!routing.Current.Models.TryGetValue(model, out var route))
        {
            return RouterOutcome.Refused(StatusCodes.Status404NotFound, UnknownModelMessage(model));
        }

        if (await metadata.GetAsync(route, cancellationToken) is { } signature
            && InferenceRequestValidator.Validate(body, signature, MaxBatchSize, OutputNames.ExtraNames) is { } invalid)
        {
            return RouterOutcome.Refused(StatusCodes.Status400BadRequest, invalid);
        }

        var rows = (int)(body.Inputs?.FirstOrDefault()?.Shape?.FirstOrDefault() ?? 0);
        if (rows < 1)
        {
            return RouterOutcome.Refused(StatusCodes.Status400BadRequest, "the first input's shape must start with the batch size (>= 1)");
        }

        var (labels, labelError) = RequestFlags.Labels(body, rows);
        if (labelError is not null)
        {
            return RouterOutcome.Refused(StatusCodes.Status400BadRequest, labelError);
        }

        // Validated above for everyone (a malformed label is a 400); believed only from a caller with labels:write.
        labels = RequestFlags.Believed(labels, options.LabelsTrusted);

        // Only an id the client chose can be reused; a generated one needs no fingerprint (hashing the body
        // of every request showed in the router's profile).
        var clientId = body.Id ?? options.RequestId;
        var requestId = clientId ?? Guid.NewGuid().ToString("N");
        if (clientId is not null && !ids.TryUse(requestId, Convert.ToHexString(SHA256.HashData(wire.Span))))
        {
            return RouterOutcome.Refused(StatusCodes.Status409Conflict, $"request id '{requestId}' was already used for a different request; use a new id");
        }

        var request = new HybridRequest(model, requestId, body, rows,
            RequestFlags.Site(body) ?? options.Site,
            RequestFlags.Priority(body) || options.Priority,
            RequestFlags.Private(body) || options.Private,
            labels,
            wireIsJson ? wire : (ReadOnlyMemory<byte>?)null);
        HybridAnswer answer;
        try
        {
            answer = await service.InferAsync(request, cancellationToken);
        }
        catch (TierRejectedException ex)
        {
            return RouterOutcome.Refused(ex.Status, ex.Error);
        }
        catch (NoTierAvailableException ex)
        {
            return RouterOutcome.Refused(StatusCodes.Status503ServiceUnavailable, ex.Message);
        }
        catch (UnknownModelException)
        {
            return RouterOutcome.Refused(StatusCodes.Status404NotFound, UnknownModelMessage(model));
        }

        recorder.Record(answer);
        if (answer.Rows.Any(r => r.Audit))
        {
            audits.Enqueue(answer);
        }

        return new RouterOutcome(answer, AnswerWriter.Build(answer), StatusCodes.Status200OK, null);
    }
}

/// <summary>Request options a transport carries outside the OIP body (HTTP headers, gRPC metadata).</summary>
/// <param name="LabelsTrusted">
/// The caller holds <c>labels:write</c>: only then are its labels recorded, for they decide a canary's accuracy verdict.
/// </param>
public sealed record RequestOptions(bool Priority, bool Private, string? Site, string? RequestId, bool LabelsTrusted = false)
{
    public static RequestOptions None { get; } = new(false, false, null, null);
}
