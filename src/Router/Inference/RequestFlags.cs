using System.Globalization;
using System.Text.Json;
using HybridInference.Contracts.Oip;

namespace HybridInference.Router.Inference;

/// <summary>
/// Reads the router's request options, each from an OIP request parameter or a transport header (HTTP header
/// or gRPC metadata, same names in lower case):
/// <c>priority</c> (true or "high"; header <c>X-Priority</c>), <c>private</c> (true; header <c>X-Private</c>),
/// <c>site</c> (header <c>X-Site</c>), and ground truth <c>label</c> (one image) or <c>labels</c>
/// ("3,1,4", one per row).
/// </summary>
public static class RequestFlags
{
    public static bool Priority(InferenceRequest body) => IsTrue(body, "priority", "high");

    public static bool Private(InferenceRequest body) => IsTrue(body, "private", null);

    public static string? Site(InferenceRequest body) =>
        body.Parameters?.TryGetValue("site", out var site) == true && site.ValueKind == JsonValueKind.String ? site.GetString() : null;

    /// <summary>The options an HTTP request carries in headers: <c>X-Priority</c>, <c>X-Private</c>, <c>X-Site</c>, <c>X-Request-Id</c>.</summary>
    public static RequestOptions FromHeaders(Func<string, string?> header) => new(
        IsTrueText(header("X-Priority"), "high"),
        IsTrueText(header("X-Private"), null),
        Blank(header("X-Site")),
        Blank(header("X-Request-Id")));

    /// <summary>
    /// The labels to record: the caller's when it holds <c>labels:write</c>, none otherwise, since recorded labels decide
    /// a canary's accuracy verdict and any inference client could otherwise vote.
    /// </summary>
    public static IReadOnlyList<int?> Believed(IReadOnlyList<int?> labels, bool trusted)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return trusted || labels.All(l => l is null) ? labels : new int?[labels.Count];
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

    private static bool IsTrueText(string? value, string? alsoTrue)
    {
        var text = value?.Trim() ?? "";
        return text.Equals("true", StringComparison.OrdinalIgnoreCase)
            || (alsoTrue is not null && text.Equals(alsoTrue, StringComparison.OrdinalIgnoreCase));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

}
