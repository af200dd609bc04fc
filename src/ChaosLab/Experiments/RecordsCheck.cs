using System.Collections.Concurrent;
using System.Net;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// The <c>allRecorded</c> check's measurement: every answered request looked up in the router's prediction log
/// (<c>GET /admin/predictions/{id}</c>), again each second for what is still missing, up to the experiment's wait.
/// </summary>
internal sealed class RecordsCheck(TimeProvider time)
{
    /// <summary>Most ids reported missing by name; the count has them all.</summary>
    public const int MissingIdsShown = 20;

    public async Task<Measurements> MeasureAsync(ExperimentRun run, HttpClient router, Measurements measured, TimeSpan wait, CancellationToken cancellationToken)
    {
        var missing = run.Samples.Where(s => s.Answered).Select(s => s.Id).ToList();
        var total = missing.Count;
        var started = run.NowMs();
        while (true)
        {
            var still = new ConcurrentBag<string>();
            await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) =>
            {
                try
                {
                    using var response = await router.GetAsync($"/admin/predictions/{Uri.EscapeDataString(id)}", ct);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        still.Add(id);
                    }
                }
                catch (HttpRequestException)
                {
                    still.Add(id);
                }
            });
            missing = [.. still];
            if (missing.Count == 0 || run.NowMs() - started >= wait.TotalMilliseconds)
            {
                break;
            }

            // Records are written off the request path in batches, and replayed after a store outage: give them time.
            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
        }

        run.Log("records checked", $"{total - missing.Count} of {total} answered requests in the prediction log");
        return measured with { RecordsChecked = total, RecordsMissing = missing.Count, MissingIds = [.. missing.Order(StringComparer.Ordinal).Take(MissingIdsShown)] };
    }
}
