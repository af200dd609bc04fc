using System.Net;
using System.Text.Json;
using HybridInference.Training.Data;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// The load generator: sends the plan's requests for the committed test images through the router, open loop (request
/// <c>i</c> is due at <c>i / rate</c> whatever the earlier ones took, up to the concurrency), and records each as a
/// <see cref="RequestSample"/>. The client has no retries or hedging of its own, so a request the router fails is counted as failed.
/// </summary>
internal sealed class TrafficGenerator(HttpClient router, ImageSet images, TimeProvider time)
{
    /// <summary>Where every request goes: the router's OIP endpoint of the model the images are for.</summary>
    public const string InferPath = "/v2/models/fashion/infer";

    /// <summary>Sends every request of the plan, or until <paramref name="abort"/> (a safety stop); each lands in the run's samples.</summary>
    /// <param name="stopping">ChaosLab stopping: only this (and a request's own timeout) ends a request already sent</param>
    public async Task SendAllAsync(ExperimentRun run, CancellationToken abort, CancellationToken stopping)
    {
        var traffic = run.Experiment.Traffic;
        var interval = 1000 / traffic.RequestsPerSecond;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, traffic.Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < traffic.Requests && !abort.IsCancellationRequested)
            {
                // Open-loop schedule: request i is due at i / rate, whatever the earlier ones took (up to the concurrency).
                var wait = i * interval - run.NowMs();
                if (wait > 0)
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(wait), time, abort);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }

                run.Samples.Enqueue(await SendAsync(run, i, stopping));
            }
        }));
    }

    /// <summary>Sends request <paramref name="i"/> of the run and records what came back.</summary>
    public async Task<RequestSample> SendAsync(ExperimentRun run, int i, CancellationToken stopping)
    {
        var traffic = run.Experiment.Traffic;
        var image = (traffic.FirstImage + i) % images.Count;
        var id = $"{run.Id}-{i}";
        var label = images.Labels[image];
        var started = run.NowMs();
        // Only the request's own timeout (and ChaosLab stopping) ends it: a safety stop lets requests in flight
        // finish, so they are not counted as failures the router did not cause.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(traffic.Timeout);
        try
        {
            using var content = new ByteArrayContent(TrafficRequest.Write(id, images, image, label, traffic.Priority));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await router.PostAsync(InferPath, content, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var latency = run.NowMs() - started;
            return response.StatusCode == HttpStatusCode.OK
                ? TrafficAnswer.Read(text, id, started, latency, label)
                : new RequestSample(id, started, latency, (int)response.StatusCode, label, Error: Truncate(text));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException or IOException)
        {
            var error = ex is OperationCanceledException && !stopping.IsCancellationRequested
                ? $"no answer within {traffic.Timeout.TotalMilliseconds} ms"
                : $"{ex.GetType().Name}: {ex.Message}";
            return new RequestSample(id, started, run.NowMs() - started, 0, label, Error: error);
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
