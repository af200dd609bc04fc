using System.Net.Http.Headers;
using HybridInference.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace HybridInference.ServiceDefaults.Tests.Limits;

/// <summary>A small service on the shared defaults with one endpoint of each kind: inference, admin, and unlimited.</summary>
internal static class LimitsHost
{
    public static readonly string Key = DevTokens.NewSigningKey();

    public static async Task<WebApplication> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Auth:SigningKey"] = Key;
        foreach (var (name, value) in settings)
        {
            builder.Configuration[name] = value;
        }

        builder.AddServiceDefaults();
        var app = builder.Build();
        app.UseServiceLimits();
        app.MapDefaultEndpoints();
        app.MapPost("/v2/models/m/infer", () => "inferred").RequireAuthorization(Contracts.Security.Scopes.Inference).WithInferenceLimits();
        var admin = app.MapGroup("/api/things").RequireAuthorization(Contracts.Security.Scopes.ModelsWrite).WithAdminLimits();
        admin.MapPut("/{name}", (string name, Thing thing) => thing.Name == name ? "stored" : "renamed");
        admin.MapPost("/{name}/upload", async (HttpRequest request) => (await new StreamReader(request.Body).ReadToEndAsync()).Length)
            .WithBodySizeLimit(_ => 64 * 1024, "Things:MaxUploadBytes");
        await app.StartAsync();
        return app;
    }

    public static string Token(string subject, params string[] scopes) =>
        DevTokens.Issue(Key, new DevToken(subject, scopes, TimeSpan.FromMinutes(5)), TimeProvider.System);

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public sealed record Thing(string Name, string? Note);
}
