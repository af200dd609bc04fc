using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.Contracts.Oip;

namespace HybridInference.Router.Tiers;

/// <summary>
/// Calls one OIP v2 server (an edge node or the cloud) over HTTP/JSON and reads the <c>probabilities</c>
/// output. A 4xx is the request's fault and is passed back as is; anything else that keeps an answer from
/// arriving is the tier's fault, so the router may fall back.
/// </summary>
public static class TierClient
{
    public const string ProbabilitiesOutput = "probabilities";

    public static async Task<TierAnswer> InferAsync(
        HttpClient client, string tier, string node, Uri baseAddress, string model, InferenceRequest request, CancellationToken cancellationToken,
        ReadOnlyMemory<byte>? json = null, int? version = null, Version? httpVersion = null)
    {
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            var path = version is { } v
                ? $"/v2/models/{Uri.EscapeDataString(model)}/versions/{v.ToString(System.Globalization.CultureInfo.InvariantCulture)}/infer"
                : $"/v2/models/{Uri.EscapeDataString(model)}/infer";
            var uri = new Uri(baseAddress, path);

            // The client's own JSON, when the tier gets the request unchanged, spares a serialisation per hop.
            HttpContent content = json is { Length: > 0 } bytes
                ? new ReadOnlyMemoryContent(bytes) { Headers = { ContentType = new("application/json") } }
                : JsonContent.Create(request, OipJsonContext.Default.InferenceRequest);

            // HTTP/2 is asked for exactly: an h2c endpoint cannot negotiate down, and a silent fallback would hide it.
            using var message = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = content,
                Version = httpVersion ?? HttpVersion.Version11,
                VersionPolicy = httpVersion == HttpVersion.Version20 ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower,
            };
            response = await client.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or Polly.ExecutionRejectedException
                                   && !cancellationToken.IsCancellationRequested)
        {
            throw new TierUnavailableException(tier, node, ex.Message, ex, transport: true);
        }

        using (response)
        {
            if ((int)response.StatusCode is >= 400 and < 500)
            {
                throw new TierRejectedException((int)response.StatusCode, await ReadErrorAsync(response, cancellationToken));
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new TierUnavailableException(tier, node, $"HTTP {(int)response.StatusCode}: {await ReadErrorAsync(response, cancellationToken)}");
            }

            InferenceResponse? answer;
            try
            {
                answer = await response.Content.ReadFromJsonAsync(OipJsonContext.Default.InferenceResponse, cancellationToken);
            }
            catch (JsonException ex)
            {
                throw new TierUnavailableException(tier, node, $"unreadable answer: {ex.Message}", ex);
            }

            var output = answer?.Outputs.FirstOrDefault(o => o.Name == ProbabilitiesOutput)
                ?? throw new TierUnavailableException(tier, node, $"the answer has no '{ProbabilitiesOutput}' output");
            var values = output.Data.Singles ?? output.Data.Numbers?.Select(v => (float)v).ToArray()
                ?? throw new TierUnavailableException(tier, node, $"'{ProbabilitiesOutput}' holds no numbers");
            // The answer's metadata names the version that answered; it must be the one the split chose.
            if (version is { } asked && answer!.ModelVersion != asked.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new TierUnavailableException(tier, node, $"asked {model} version {asked} but version '{answer.ModelVersion}' answered");
            }

            var rows = output.Shape.Length == 2 ? (int)output.Shape[0] : 1;
            return new TierAnswer(values, rows, answer!.ModelName, answer.ModelVersion, node, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(text, OipJsonContext.Default.ErrorResponse)?.Error ?? text;
        }
        catch (JsonException)
        {
            return text.Length > 500 ? text[..500] : text;
        }
    }
}
