using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.Cli.Parsing;
using HybridInference.Contracts.Rollouts;

namespace HybridInference.Cli;

/// <summary>Where a rollout command goes and who sends it: the <c>--registry</c> given (else HI_REGISTRY, else the default) and the actor.</summary>
internal sealed record RolloutTarget(CliContext Context, string? Registry, string Actor);

/// <summary>The rollout commands' exchanges with the registry and what each prints.</summary>
internal static class RolloutRequests
{
    public static Task<int> ListAsync(RolloutTarget target, CancellationToken cancellationToken) =>
        SendAsync(target, HttpMethod.Get, "/api/rollouts", null, list: true, cancellationToken);

    public static Task<int> StatusAsync(RolloutTarget target, string id, CancellationToken cancellationToken) =>
        SendAsync(target, HttpMethod.Get, $"/api/rollouts/{Uri.EscapeDataString(id)}", null, list: false, cancellationToken);

    public static Task<int> StartAsync(RolloutTarget target, Dictionary<string, object> spec, CancellationToken cancellationToken) =>
        SendAsync(target, HttpMethod.Post, "/api/rollouts", JsonContent.Create(spec), list: false, cancellationToken);

    public static Task<int> CommandAsync(RolloutTarget target, string id, string command, string? reason, CancellationToken cancellationToken) =>
        SendAsync(target, HttpMethod.Post, $"/api/rollouts/{Uri.EscapeDataString(id)}/{command}",
            JsonContent.Create(new Dictionary<string, string?> { ["reason"] = reason }), list: false, cancellationToken);

    private static async Task<int> SendAsync(RolloutTarget target, HttpMethod method, string path, HttpContent? content, bool list, CancellationToken cancellationToken)
    {
        var (output, error) = (target.Context.Output, target.Context.Error);
        var registryText = target.Registry ?? (string.IsNullOrWhiteSpace(target.Context.RegistryFromEnvironment) ? RolloutCommands.DefaultRegistry : target.Context.RegistryFromEnvironment);
        if (Values.HttpUrl(registryText, "the registry", out var problem) is not { } registry)
        {
            await error.WriteLineAsync($"{problem}\n{RolloutCommands.Usage}");
            return ExitCodes.BadUsage;
        }

        using var request = new HttpRequestMessage(method, new Uri(registry, path)) { Content = content };
        request.Headers.Add("X-Actor", target.Actor);
        HttpResponseMessage response;
        try
        {
            response = await target.Context.Http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"the registry at {registry} could not be reached: {ex.Message}");
            return ExitCodes.Unreachable;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"the registry refused ({(int)response.StatusCode}): {Detail(body)}");
                return ExitCodes.Refused;
            }

            try
            {
                await output.WriteAsync(list
                    ? RolloutTable.FormatList(JsonSerializer.Deserialize(body, RolloutsJsonContext.Default.IReadOnlyListRollout) ?? [])
                    : RolloutTable.Format(JsonSerializer.Deserialize(body, RolloutsJsonContext.Default.Rollout) ?? throw new JsonException("empty body")));
                return ExitCodes.Ok;
            }
            catch (JsonException ex)
            {
                // A 2xx that is not a rollout is not this registry (a wrong --registry pointing at another service).
                await error.WriteLineAsync($"{registry} answered {(int)response.StatusCode} but not with rollouts ({ex.Message}); is it the registry?");
                return ExitCodes.Unreachable;
            }
        }
    }

    /// <summary>The problem's detail when the answer is a ProblemDetails document, else the body itself.</summary>
    private static string Detail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                ? detail.GetString()!
                : body;
        }
        catch (JsonException)
        {
            return body.Length == 0 ? "(no message)" : body;
        }
    }
}
