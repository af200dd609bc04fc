using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.Control;
using HybridInference.Rollouts.Spec;
using HybridInference.Rollouts.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Timeout;

namespace HybridInference.Rollouts.Webhooks;

/// <summary>
/// Calls a rollout's webhooks: a JSON event POSTed with <c>X-HI-Signature: sha256=&lt;hex HMAC-SHA256 of the
/// body&gt;</c> when the hook has a secret, through the <see cref="WebhookPipeline"/> (by default 3 attempts,
/// 0.2 s then 0.4 s apart with jitter, on a transport error, a timeout or a 5xx). A gate that cannot be reached
/// holds the step: an unreachable gate is not consent. A refused destination (<see cref="WebhookDestinations"/>),
/// a redirect (never followed) and an answer over <see cref="WebhookOptions.MaxResponseBytes"/> are failed calls.
/// The secret signs the body and is never logged.
/// </summary>
public sealed partial class WebhookNotifier(
    IHttpClientFactory clients,
    ResiliencePipelineProvider<string> pipelines,
    WebhookDestinations destinations,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookNotifier> logger) : IRolloutWebhooks
{
    public const string ClientName = "rollout-webhooks";
    public const string SignatureHeader = "X-HI-Signature";

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = pipelines.GetPipeline<HttpResponseMessage>(WebhookPipeline.Name);

    public async Task<bool> NotifyAsync(Rollout rollout, string type, string message, CancellationToken cancellationToken)
    {
        var allOk = true;
        foreach (var hook in rollout.Spec.Webhooks.Where(h => h.Type == type))
        {
            var outcome = await CallAsync(hook, Payload(rollout, type, message, null), cancellationToken);
            allOk &= outcome.Succeeded;
        }

        return allOk;
    }

    public async Task<GateDecision> AskGatesAsync(Rollout rollout, int nextWeight, CancellationToken cancellationToken)
    {
        foreach (var hook in rollout.Spec.Webhooks.Where(h => h.Type == WebhookTypes.Gate))
        {
            var outcome = await CallAsync(hook, Payload(rollout, WebhookTypes.Gate, $"may the rollout step to {nextWeight} %?", nextWeight), cancellationToken);
            if (!outcome.Succeeded)
            {
                return new(GateAction.Hold, $"gate '{hook.Name}' {outcome.Failure}");
            }

            if (Aborts(outcome.Body))
            {
                return new(GateAction.Abort, $"gate '{hook.Name}' asked to abort");
            }
        }

        return GateDecision.Proceed;
    }

    /// <summary>The signature a receiver recomputes: hex HMAC-SHA256 of the exact body bytes.</summary>
    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private async Task<WebhookOutcome> CallAsync(WebhookSpec hook, byte[] payload, CancellationToken cancellationToken)
    {
        // Judged again at call time: a spec in the store may not have come through the API.
        var refused = Uri.TryCreate(hook.Url, UriKind.Absolute, out var url)
            ? destinations.Refuse(url) is { } reason ? $"is refused: {reason}" : null
            : "has no valid URL";
        if (refused is not null || url is null)
        {
            refused ??= "has no valid URL";
            LogRefused(hook.Name ?? "", hook.Type ?? "", refused);
            return WebhookOutcome.Failed(refused);
        }

        var client = clients.CreateClient(ClientName);
        var maxBytes = options.Value.MaxResponseBytes;
        var attempts = 0;
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    // A request is sent once, so each attempt builds its own over the same signed bytes.
                    attempts++;
                    using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(payload) };
                    request.Content.Headers.ContentType = new("application/json");
                    if (!string.IsNullOrEmpty(hook.Secret))
                    {
                        request.Headers.Add(SignatureHeader, Sign(hook.Secret, payload));
                    }

                    // Headers first, then at most the limit of the body, inside the attempt's timeout.
                    var answer = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                    try
                    {
                        await WebhookResponse.BufferAsync(answer, maxBytes, token);
                        return answer;
                    }
                    catch
                    {
                        answer.Dispose();
                        throw;
                    }
                },
                cancellationToken);
            var status = (int)response.StatusCode;
            LogCalled(hook.Name ?? "", hook.Type ?? "", status, attempts);
            return status is >= 200 and < 300
                ? WebhookOutcome.Answered(status, await response.Content.ReadAsStringAsync(cancellationToken))
                : WebhookOutcome.Failed($"answered {status}", status);
        }
        catch (Exception ex) when (WebhookPipeline.Refusal(ex) is { } refusal)
        {
            LogRefused(hook.Name ?? "", hook.Type ?? "", refusal.Message);
            return WebhookOutcome.Failed(refusal.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(hook.Name ?? "", hook.Type ?? "", attempts, ex.Message);
            return WebhookOutcome.Failed("is unreachable");
        }
    }

    private byte[] Payload(Rollout rollout, string type, string message, int? nextWeight) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            @event = type,
            rollout = rollout.Id,
            model = rollout.Model,
            candidate = rollout.Candidate,
            stable = rollout.Stable,
            // The enum's own converter, so a receiver reads the same phase names as the API ("rolled-back").
            phase = rollout.Phase,
            weight = rollout.Weight,
            nextWeight,
            canaryDevices = rollout.CanaryDevices,
            message,
            at = time.GetUtcNow(),
        }, RolloutStore.Json);

    private static bool Aborts(string body)
    {
        try
        {
            return body.Length > 0 && JsonSerializer.Deserialize(body, RolloutsJsonContext.Default.WebhookAnswer)?.Abort == true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Webhook {Name} ({Type}) answered {Status} (attempt {Attempt})")]
    private partial void LogCalled(string name, string type, int status, int attempt);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "Webhook {Name} ({Type}) not called or its answer not read: {Reason}")]
    private partial void LogRefused(string name, string type, string reason);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Webhook {Name} ({Type}) unreachable after {Attempts} attempts: {Reason}")]
    private partial void LogUnreachable(string name, string type, int attempts, string reason);
}
