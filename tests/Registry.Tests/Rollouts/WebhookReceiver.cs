using HybridInference.TestSupport;
using System.Collections.Concurrent;
using HybridInference.Rollouts.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Registry.Tests.Rollouts;

/// <summary>
/// A real HTTP endpoint on a loopback port that records every webhook call (path, exact body bytes,
/// signature header) and answers each path with the statuses and bodies the test queues, 200 "{}" after.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<WebhookCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Body)>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _hanging = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<WebhookCall> Calls => [.. _calls];

    public IReadOnlyList<WebhookCall> CallsTo(string name) => _calls.Where(c => c.Name == name).ToList();

    public string Url(string name) => new Uri(Address, name).ToString();

    /// <summary>Answers the next calls to <paramref name="name"/> with these, in order.</summary>
    public void Answer(string name, params (int Status, string Body)[] answers)
    {
        var queue = _answers.GetOrAdd(name, _ => new());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>Calls to <paramref name="name"/> are accepted and never answered (until the receiver stops).</summary>
    public void Hang(string name) => _hanging.TryAdd(name, true);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = LoopbackApp.CreateBuilder();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{name}", async (string name, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver._calls.Enqueue(new WebhookCall(
                name,
                body.ToArray(),
                context.Request.Headers.TryGetValue(WebhookNotifier.SignatureHeader, out var signature) ? signature.ToString() : null,
                context.Request.ContentType));
            if (receiver._hanging.ContainsKey(name))
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            var (status, answer) = receiver._answers.TryGetValue(name, out var queue) && queue.TryDequeue(out var next) ? next : (200, "{}");
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer);
        });
        await app.StartAsync();
        receiver.Address = new Uri(LoopbackApp.Address(app), "/");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
