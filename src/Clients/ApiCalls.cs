using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HybridInference.Contracts.Problems;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace HybridInference.Clients;

/// <summary>
/// The one place where a typed client turns an HTTP exchange into a result or an <see cref="ApiException"/>:
/// error statuses carry the service's problem detail, transport failures (including Polly's timeout and
/// open-breaker rejections) say the service could not be reached.
/// </summary>
public static class ApiCalls
{
    /// <summary>Sends <paramref name="request"/> and returns the successful response; the caller disposes it.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string service, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            throw new ApiException(service, request.RequestUri is { IsAbsoluteUri: true } uri ? uri : http.BaseAddress, ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new ApiException(service, response.StatusCode, await ReadDetailAsync(response, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Sends <paramref name="request"/> and reads a successful answer's body as <typeparamref name="T"/>.</summary>
    public static async Task<T> ReadAsync<T>(HttpClient http, HttpRequestMessage request, JsonTypeInfo<T> type, string service, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(http, request, service, cancellationToken).ConfigureAwait(false);
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
                ?? throw new ApiException(service, response.StatusCode, $"an empty {typeof(T).Name} body");
        }
        catch (JsonException ex)
        {
            throw new ApiException(service, response.StatusCode, $"a body that is not a {typeof(T).Name}: {ex.Message}");
        }
    }

    /// <summary>GET <paramref name="path"/> and read the answer as <typeparamref name="T"/>.</summary>
    public static Task<T> GetAsync<T>(HttpClient http, string path, JsonTypeInfo<T> type, string service, CancellationToken cancellationToken) =>
        ReadAsync(http, new HttpRequestMessage(HttpMethod.Get, path), type, service, cancellationToken);

    private static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
        || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static async Task<string> ReadDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                if (JsonSerializer.Deserialize(body, ProblemJsonContext.Default.Problem) is { } problem
                    && (problem.Detail ?? problem.Title) is { Length: > 0 } text)
                {
                    return text;
                }
            }
            catch (JsonException)
            {
                // Not a problem document: the body itself is the best description there is.
            }
        }

        return string.IsNullOrWhiteSpace(body) ? response.ReasonPhrase ?? "no detail" : body;
    }
}
