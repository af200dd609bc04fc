namespace HybridInference.Rollouts.Webhooks;

/// <summary>What one webhook call came to: a 2xx answer and its body, or why it failed ("answered 302", "is unreachable").</summary>
public readonly record struct WebhookOutcome(int Status, string Body, string? Failure)
{
    public bool Succeeded => Failure is null;

    public static WebhookOutcome Answered(int status, string body) => new(status, body, null);

    public static WebhookOutcome Failed(string failure, int status = 0) => new(status, "", failure);
}
