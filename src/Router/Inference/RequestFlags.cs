using System.Globalization;
using System.Text.Json;
using HybridInference.Contracts.Oip;

namespace HybridInference.Router.Inference;

/// <summary>
/// Reads the router's request options, each from an OIP request parameter or an HTTP header:
/// <c>priority</c> (true or "high"; header <c>X-Priority</c>), <c>private</c> (true; header <c>X-Private</c>),
/// <c>site</c> (header <c>X-Site</c>), and ground truth <c>label</c> (one image) or <c>labels</c>
/// ("3,1,4", one per row).
/// </summary>
public static class RequestFlags
{
    public static bool Priority(InferenceRequest body, HttpRequest http) =>
        IsTrue(body, "priority", "high") || IsTrueHeader(http, "X-Priority", "high");

    public static bool Private(InferenceRequest body, HttpRequest http) =>
        IsTrue(body, "private", null) || IsTrueHeader(http, "X-Private", null);

    public static string? Site(InferenceRequest body, HttpRequest http)
    {
        if (body.Parameters?.TryGetValue("site", out var site) == true && site.ValueKind == JsonValueKind.String)
        {
            return site.GetString();
        }

        var header = http.Headers["X-Site"].ToString();
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }

    /// <summary>Labels per row, or an error naming the bad parameter.</summary>
    public static (IReadOnlyList<int?> Labels, string? Error) Labels(InferenceRequest body, int rows)
    {
        var parameters = body.Parameters;
        if (parameters is null)
        {
            return ([], null);
        }

        if (parameters.TryGetValue("label", out var one))
        {
            if (rows != 1)
            {
                return ([], $"parameter 'label' is for a single image; this batch has {rows} rows, use 'labels' (\"3,1,4\")");
            }

            return one.ValueKind == JsonValueKind.Number && one.TryGetInt32(out var label) && label >= 0
                ? ([label], null)
                : ([], $"parameter 'label' must be a class number >= 0, got {one.GetRawText()}");
        }

        if (parameters.TryGetValue("labels", out var many))
        {
            var parts = many.ValueKind == JsonValueKind.String ? many.GetString()!.Split(',', StringSplitOptions.TrimEntries) : [];
            if (parts.Length != rows || parts.Any(p => !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                return ([], $"parameter 'labels' must be {rows} comma-separated class numbers, got {many.GetRawText()}");
            }

            return (parts.Select(p => (int?)int.Parse(p, CultureInfo.InvariantCulture)).ToList(), null);
        }

        return ([], null);
    }

    private static bool IsTrue(InferenceRequest body, string name, string? alsoTrue) =>
        body.Parameters?.TryGetValue(name, out var value) == true
        && (value.ValueKind == JsonValueKind.True
            || (alsoTrue is not null && value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), alsoTrue, StringComparison.OrdinalIgnoreCase)));

    private static bool IsTrueHeader(HttpRequest http, string name, string? alsoTrue)
    {
        var header = http.Headers[name].ToString().Trim();
        return header.Equals("true", StringComparison.OrdinalIgnoreCase)
            || (alsoTrue is not null && header.Equals(alsoTrue, StringComparison.OrdinalIgnoreCase));
    }
}
