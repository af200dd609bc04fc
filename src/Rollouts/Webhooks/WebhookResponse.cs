using System.Globalization;

namespace HybridInference.Rollouts.Webhooks;

/// <summary>Reads a webhook's answer up to a limit: a longer one (declared or sent) is refused, not buffered.</summary>
public static class WebhookResponse
{
    /// <summary>Replaces the content of <paramref name="response"/> with at most <paramref name="maxBytes"/> bytes read from it.</summary>
    public static async Task BufferAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw TooLarge(maxBytes, $"declared {declared.ToString(CultureInfo.InvariantCulture)} bytes");
        }

        var buffer = new byte[maxBytes + 1];
        var read = 0;
        await using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            {
                read += n;
            }
        }

        if (read > maxBytes)
        {
            throw TooLarge(maxBytes, "sent more");
        }

        var headers = response.Content.Headers.ToList();
        response.Content.Dispose();
        response.Content = new ByteArrayContent(buffer, 0, read);
        foreach (var (name, values) in headers)
        {
            response.Content.Headers.TryAddWithoutValidation(name, values);
        }
    }

    private static WebhookRefusedException TooLarge(int maxBytes, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"answered more than the limit of {maxBytes} bytes ({what}; Rollouts:Webhooks:MaxResponseBytes)"));
}
