using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.Control;
using HybridInference.Rollouts.Spec;
using HybridInference.Rollouts.State;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Registry;
using Polly.Timeout;

namespace HybridInference.Rollouts.Webhooks;

/// <summary>
/// Calls a rollout's webhooks: a JSON event POSTed with <c>X-HI-Signature: sha256=&lt;hex HMAC-SHA256 of the
/// body&gt;</c> when the hook has a secret, through the <see cref="WebhookPipeline"/> (by default 3 attempts,
/// 0.2 s then 0.4 s apart with jitter, on a transport error, a timeout or a 5xx). A gate that cannot be reached
/// holds the step: an unreachable gate is not consent.
/// </summary>
public sealed partial class WebhookNotifier(
    IHttpClientFactory clients,
    ResiliencePipelineProvider<string> pipelines,
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
            var (status, _) = await CallAsync(hook, Payload(rollout, type, message, null), cancellationToken);
            allOk &= status is >= 200 and < 300;
        }

        return allOk;
    }

    public async Task<GateDecision> AskGatesAsync(Rollout rollout, int nextWeight, CancellationToken cancellationToken)
    {
        foreach (var hook in rollout.Spec.Webhooks.Where(h => h.Type == WebhookTypes.Gate))
        {
            var (status, body) = await CallAsync(hook, Payload(rollout, WebhookTypes.Gate, $"may the rollout step to {nextWeight} %?", nextWeight), cancellationToken);
            if (status is not (>= 200 and < 300))
            {
                return new(GateAction.Hold, status == 0 ? $"gate '{hook.Name}' is unreachable" : $"gate '{hook.Name}' answered {status}");
            }

            if (Aborts(body))
            {
                return new(GateAction.Abort, $"gate '{hook.Name}' asked to abort");
            }
        }

        return GateDecision.Proceed;
    }

    /// <summary>The signature a receiver recomputes: hex HMAC-SHA256 of the exact body bytes.</summary>
    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private async Task<(int Status, string Body)> CallAsync(WebhookSpec hook, byte[] payload, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        var attempts = 0;
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    // A request is sent once, so each attempt builds its own over the same signed bytes.
                    attempts++;
                    using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new ByteArrayContent(payload) };
                    request.Content.Headers.ContentType = new("application/json");
                    if (!string.IsNullOrEmpty(hook.Secret))
                    {
                        request.Headers.Add(SignatureHeader, Sign(hook.Secret, payload));
                    }

                    return await client.SendAsync(request, token);
                },
                cancellationToken);
            var status = (int)response.StatusCode;
            LogCalled(hook.Name ?? "", hook.Type ?? "", status, attempts);
            return (status, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(hook.Name ?? "", hook.Type ?? "", attempts, ex.Message);
            return (0, "");
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

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Webhook {Name} ({Type}) unreachable after {Attempts} attempts: {Reason}")]
    private partial void LogUnreachable(string name, string type, int attempts, string reason);
}
