using System.Globalization;
using HybridInference.Contracts.Predictions;

namespace HybridInference.Clients.Predictions;

/// <summary>
/// The prediction log's API as the router serves it (<c>/admin/predictions</c>): the summary of a time window.
/// Failures are <see cref="ApiException"/>s (a 400 names the bad window).
/// </summary>
public sealed class PredictionsClient(HttpClient http)
{
    private const string Service = "router";

    /// <summary>The summary of the last <paramref name="minutes"/> minutes (more than 0, at most 1440).</summary>
    public Task<PredictionSummary> SummaryAsync(double minutes, CancellationToken cancellationToken = default) =>
        GetSummaryAsync(string.Create(CultureInfo.InvariantCulture, $"minutes={minutes:R}"), cancellationToken);

    /// <summary>
    /// The summary between <paramref name="from"/> and <paramref name="to"/> (at most 24 h apart); a missing
    /// <paramref name="to"/> is now, a missing <paramref name="from"/> 15 minutes before <paramref name="to"/>.
    /// </summary>
    public Task<PredictionSummary> SummaryAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        var query = new List<string>(2);
        if (from is { } start)
        {
            query.Add("from=" + Uri.EscapeDataString(start.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (to is { } end)
        {
            query.Add("to=" + Uri.EscapeDataString(end.ToString("O", CultureInfo.InvariantCulture)));
        }

        return GetSummaryAsync(string.Join('&', query), cancellationToken);
    }

    private Task<PredictionSummary> GetSummaryAsync(string query, CancellationToken cancellationToken) =>
        ApiCalls.GetAsync(
            http,
            query.Length == 0 ? "/admin/predictions/summary" : "/admin/predictions/summary?" + query,
            PredictionsJsonContext.Default.PredictionSummary,
            Service,
            cancellationToken);
}
