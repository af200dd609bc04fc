using System.Text.Json;

namespace HybridInference.Cli;

/// <summary>ChaosLab's API as the chaos commands use it: send, show a successful answer, say a refusal with ChaosLab's own words.</summary>
internal sealed class ChaosLabHttp(CliContext context, Uri chaos)
{
    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(chaos, path)) { Content = content };
        using var response = await context.Http.SendAsync(request, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    public async Task<int> ShowAsync(HttpMethod method, string path, HttpContent? content, Func<string, string> format, CancellationToken ct)
    {
        var (status, body) = await SendAsync(method, path, content, ct);
        if (status >= 300)
        {
            return await RefusedAsync(status, body);
        }

        await context.Output.WriteAsync(format(body));
        return ExitCodes.Ok;
    }

    public async Task<int> RefusedAsync(int status, string body)
    {
        await context.Error.WriteLineAsync($"ChaosLab refused ({status}): {Detail(body)}");
        return ExitCodes.Refused;
    }

    /// <summary>The problem's detail, or each field's errors of a validation problem, else the body.</summary>
    private static string Detail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return body;
            }

            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                return string.Join("; ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString())));
            }

            return root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString()! : body;
        }
        catch (JsonException)
        {
            return body.Length == 0 ? "(no message)" : body;
        }
    }
}
