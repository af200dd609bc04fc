using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.Contracts.Problems;

namespace HybridInference.Cli.Http;

/// <summary>
/// Turns a validation problem's field errors into the problem's detail (joined by "; "), so the
/// <see cref="HybridInference.Clients.ApiException"/> the typed client raises names every bad field, not only the
/// title. Other answers pass unchanged.
/// </summary>
internal sealed class ValidationProblemHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return response;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        ValidationProblem? problem;
        try
        {
            problem = JsonSerializer.Deserialize(body, CliJsonContext.Default.ValidationProblem);
        }
        catch (JsonException)
        {
            problem = null;
        }

        response.Content = problem is { Errors.Count: > 0 } validation
            ? JsonContent.Create(
                new Problem(null, validation.Title, validation.Status, string.Join("; ", validation.Errors.SelectMany(e => e.Value))),
                ProblemJsonContext.Default.Problem,
                new System.Net.Http.Headers.MediaTypeHeaderValue("application/problem+json"))
            : new StringContent(body, response.Content.Headers.ContentType);
        return response;
    }
}
