using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.Contracts.Fleet;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// Gets the node its device credential once: with a bootstrap secret and no stored credential it enrols at the registry
/// and stores the answer (<see cref="DeviceCredentialFile"/>), which every later call sends (<c>Auth:Client:TokenFile</c>).
/// A refusal or an unreachable registry is logged and retried through <see cref="FleetPipelines.Enrolment"/> (backoff up
/// to <c>Fleet:ReconnectMaxSeconds</c>); the node serves its local models meanwhile. A stored credential is never
/// replaced by a new enrolment: the registry would refuse it (the id holds a credential), and only an operator's
/// revocation frees the id.
/// </summary>
public sealed partial class DeviceEnrolment(
    IHttpClientFactory http,
    DeviceCredentialFile credential,
    IOptions<FleetEnrolmentOptions> enrolment,
    IOptions<FleetAgentOptions> fleet,
    IOptions<EdgeOptions> edge,
    ResiliencePipelineProvider<string> pipelines,
    ILogger<DeviceEnrolment> logger)
{
    public const string ClientName = "fleet-enrolment";

    /// <summary>Returns once the node holds a credential (at once without enrolment configured, or with one stored).</summary>
    public async Task EnsureCredentialAsync(CancellationToken stoppingToken)
    {
        if (!enrolment.Value.Enabled)
        {
            return;
        }

        if (credential.Exists)
        {
            LogStored(credential.Path);
            return;
        }

        await pipelines.GetPipeline(FleetPipelines.Enrolment).ExecuteAsync(EnrolAsync, stoppingToken);
    }

    private async ValueTask EnrolAsync(CancellationToken cancellationToken)
    {
        var identity = edge.Value;
        using var client = http.CreateClient(ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(fleet.Value.RegistryHttpAddress!), "/api/fleet/enrolments"))
        {
            Content = JsonContent.Create(new EnrolmentRequest(identity.DeviceId, identity.Site), FleetJsonContext.Default.EnrolmentRequest),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bootstrap", enrolment.Value.BootstrapSecret!.Trim());
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new EnrolmentRefusedException(response.StatusCode, await DetailAsync(response, cancellationToken));
        }

        var issued = await response.Content.ReadFromJsonAsync(FleetJsonContext.Default.DeviceCredential, cancellationToken)
            ?? throw new EnrolmentRefusedException(response.StatusCode, "an empty answer instead of a credential");
        await credential.SaveAsync(issued.Token, cancellationToken);
        LogEnrolled(identity.DeviceId, issued.Site, issued.CredentialId, issued.ExpiresAt, credential.Path);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { } text ? text : body;
        }
        catch (JsonException)
        {
            return body.Length > 300 ? body[..300] : body;
        }
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Using the stored device credential {File}")]
    private partial void LogStored(string file);

    [LoggerMessage(EventId = 321, Level = LogLevel.Information, Message = "Enrolled device {Device} at site {Site}: credential {CredentialId}, valid until {ExpiresAt:O}, stored in {File}")]
    private partial void LogEnrolled(string device, string site, string credentialId, DateTimeOffset expiresAt, string file);
}
