using System.Globalization;
using System.Net.Http.Json;
using HybridInference.Contracts.Rollouts;

namespace HybridInference.Clients.Rollouts;

/// <summary>
/// The registry's rollout API (<c>/api/rollouts</c>): list and read rollouts, start one from a spec, and the
/// commands pause, resume, promote and abort. Every change names its actor in the <see cref="ActorHeader"/>
/// header, which the registry records in the rollout's timeline. Failures are <see cref="ApiException"/>s.
/// </summary>
public sealed class RolloutsClient(HttpClient http)
{
    /// <summary>The header the registry reads the actor from when the body names none.</summary>
    public const string ActorHeader = "X-Actor";

    private const string Service = "registry";

    /// <summary>The newest rollouts, newest first; <paramref name="count"/> 1 to 200, the registry's default (50) when null.</summary>
    public Task<IReadOnlyList<Rollout>> ListAsync(int? count = null, CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(
            http,
            count is { } n ? string.Create(CultureInfo.InvariantCulture, $"/api/rollouts?count={n}") : "/api/rollouts",
            RolloutsJsonContext.Default.IReadOnlyListRollout,
            Service,
            cancellationToken);

    /// <summary>One rollout's whole state: phase, weight, canary devices, timeline and analyses.</summary>
    public Task<Rollout> GetAsync(string id, CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, RolloutPath(id, null), RolloutsJsonContext.Default.Rollout, Service, cancellationToken);

    /// <summary>Starts a rollout of <paramref name="spec"/> on behalf of <paramref name="actor"/>; the answer is its first state.</summary>
    public Task<Rollout> StartAsync(RolloutSpec spec, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/rollouts")
        {
            Content = JsonContent.Create(spec, RolloutsJsonContext.Default.RolloutSpec),
        };
        return SendAsync(request, actor, cancellationToken);
    }

    /// <summary>
    /// Starts a rollout that sends only the fields <paramref name="start"/> sets, so the registry applies its own
    /// defaults for the rest (the model's metric checks among them); the answer is its first state.
    /// </summary>
    public Task<Rollout> StartAsync(RolloutStartRequest start, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/rollouts")
        {
            Content = JsonContent.Create(start, RolloutsJsonContext.Default.RolloutStartRequest),
        };
        return SendAsync(request, actor, cancellationToken);
    }

    /// <summary>Pauses a rollout: no analysis and no step until it is resumed.</summary>
    public Task<Rollout> PauseAsync(string id, string actor, string? reason = null, CancellationToken cancellationToken = default) =>
        CommandAsync(id, "pause", actor, reason, cancellationToken);

    /// <summary>Resumes a paused rollout; its step is judged on traffic from then on.</summary>
    public Task<Rollout> ResumeAsync(string id, string actor, string? reason = null, CancellationToken cancellationToken = default) =>
        CommandAsync(id, "resume", actor, reason, cancellationToken);

    /// <summary>Promotes now: every device to the candidate, the champion alias moved.</summary>
    public Task<Rollout> PromoteAsync(string id, string actor, string? reason = null, CancellationToken cancellationToken = default) =>
        CommandAsync(id, "promote", actor, reason, cancellationToken);

    /// <summary>Aborts now: the canary devices go back to the stable version.</summary>
    public Task<Rollout> AbortAsync(string id, string actor, string? reason = null, CancellationToken cancellationToken = default) =>
        CommandAsync(id, "abort", actor, reason, cancellationToken);

    private Task<Rollout> CommandAsync(string id, string command, string actor, string? reason, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, RolloutPath(id, command))
        {
            // The actor travels in the header; the body's actor would override it, so it is left out.
            Content = JsonContent.Create(new RolloutCommand(null, reason), RolloutsJsonContext.Default.RolloutCommand),
        };
        return SendAsync(request, actor, cancellationToken);
    }

    private async Task<Rollout> SendAsync(HttpRequestMessage request, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        using (request)
        {
            request.Headers.Add(ActorHeader, actor);
            return await ApiCalls.ReadAsync(http, request, RolloutsJsonContext.Default.Rollout, Service, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string RolloutPath(string id, string? command)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var path = "/api/rollouts/" + Uri.EscapeDataString(id);
        return command is null ? path : $"{path}/{command}";
    }
}
