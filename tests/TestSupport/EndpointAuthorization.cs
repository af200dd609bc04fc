using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HybridInference.Contracts.Security;
using HybridInference.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.TestSupport;

/// <summary>
/// Enumerates every endpoint a service maps, from its own endpoint data sources, and checks each one's door: a public
/// endpoint must be on the service's short public list; every other one must name a scope as its policy and refuse a
/// request without a token (401), with a token lacking its scope (403), and with an expired, wrongly signed or
/// <c>alg: none</c> token (401). An endpoint added without a policy, or made public without being listed, fails.
/// </summary>
public static class EndpointAuthorization
{
    /// <summary>One mapped endpoint: route, method, the scopes its policies name, and whether it is public.</summary>
    public sealed record MappedEndpoint(string Route, string Method, IReadOnlyList<string> Scopes, bool Public, bool Grpc)
    {
        /// <summary>The endpoint's metadata, for checks beyond its door (<see cref="EndpointLimits"/>).</summary>
        public EndpointMetadataCollection Metadata { get; init; } = EndpointMetadataCollection.Empty;

        public override string ToString() => $"{Method} {Route}";
    }

    public static IReadOnlyList<MappedEndpoint> Enumerate(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        List<MappedEndpoint> endpoints = [];
        foreach (var endpoint in services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>())
        {
            var scopes = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToArray();
            var isPublic = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var grpc = endpoint.Metadata.Any(m => m.GetType().FullName?.StartsWith("Grpc.", StringComparison.Ordinal) == true)
                || endpoint.RoutePattern.Parameters.Any(p => p.Name.StartsWith("unimplemented", StringComparison.Ordinal));
            // gRPC calls are POSTs, the unimplemented-method catch-alls included.
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [grpc ? HttpMethods.Post : HttpMethods.Get];
            endpoints.AddRange(methods.Select(method => new MappedEndpoint(Route(endpoint.RoutePattern), method, scopes, isPublic, grpc) { Metadata = endpoint.Metadata }));
        }

        return endpoints;
    }

    /// <summary>
    /// Checks every endpoint of the service behind <paramref name="client"/> (a client with no Authorization header);
    /// returns one line per failure, empty when every door holds. <paramref name="publicRoutes"/> are the routes that may
    /// be open (health probes, OpenAPI).
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(HttpClient client, IReadOnlyList<MappedEndpoint> endpoints, IReadOnlySet<string> publicRoutes)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(endpoints);
        List<string> failures = [];
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Public)
            {
                if (!publicRoutes.Contains(endpoint.Route))
                {
                    failures.Add($"{endpoint}: allows anonymous callers but is not on the public list");
                }

                continue;
            }

            var unknown = endpoint.Scopes.Where(s => !Scopes.All.Contains(s) && !Scopes.DeviceOnly.Contains(s)).ToArray();
            if (endpoint.Scopes.Count == 0 || unknown.Length > 0)
            {
                failures.Add(endpoint.Scopes.Count == 0
                    ? $"{endpoint}: has no authorization policy naming a scope (add RequireAuthorization(Scopes.X), or AllowAnonymous and list it)"
                    : $"{endpoint}: names policies that are not scopes: {string.Join(", ", unknown)}");
                continue;
            }

            var lacking = Scopes.All.Concat(Scopes.DeviceOnly).Except(endpoint.Scopes).ToArray();
            await ExpectAsync(client, endpoint, null, HttpStatusCode.Unauthorized, "no token", failures);
            await ExpectAsync(client, endpoint, TestAuth.Token("tester", lacking), HttpStatusCode.Forbidden, "a token without " + string.Join("+", endpoint.Scopes), failures);
            await ExpectAsync(client, endpoint, Expired(endpoint.Scopes), HttpStatusCode.Unauthorized, "an expired token", failures);
            await ExpectAsync(client, endpoint, WronglySigned(endpoint.Scopes), HttpStatusCode.Unauthorized, "a token signed with another key", failures);
            await ExpectAsync(client, endpoint, Unsigned(endpoint.Scopes), HttpStatusCode.Unauthorized, "an alg:none token", failures);
        }

        return failures;
    }

    /// <summary>
    /// The whole check for one running service: every endpoint its app maps, each door tried with an anonymous client
    /// of <paramref name="factory"/>, and each limit policy; asserts no failure and returns the endpoints for a test's
    /// own "not vacuous" checks.
    /// </summary>
    public static async Task<IReadOnlyList<MappedEndpoint>> AssertEveryDoorHoldsAsync<TEntryPoint>(
        Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<TEntryPoint> factory, IReadOnlySet<string> publicRoutes)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;
        var endpoints = Enumerate(factory.Services);

        Xunit.Assert.Empty(await CheckAsync(anonymous, endpoints, publicRoutes));
        Xunit.Assert.Empty(EndpointLimits.Check(endpoints));
        return endpoints;
    }

    /// <summary>A token that expired an hour ago.</summary>
    public static string Expired(IReadOnlyCollection<string> scopes) =>
        DevTokens.Issue(TestAuth.SigningKey, new DevToken("tester", scopes, TimeSpan.FromMinutes(5)), new PastTime(TimeSpan.FromHours(2)));

    /// <summary>A well-formed token with the right claims, signed with a key the service does not trust.</summary>
    public static string WronglySigned(IReadOnlyCollection<string> scopes) =>
        DevTokens.Issue(DevTokens.NewSigningKey(), new DevToken("tester", scopes, TimeSpan.FromMinutes(5)), TimeProvider.System);

    /// <summary>The classic forgery: <c>{"alg":"none"}</c> and no signature, claims otherwise valid.</summary>
    public static string Unsigned(IReadOnlyCollection<string> scopes)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64Url($$"""{"sub":"tester","scope":"{{string.Join(' ', scopes)}}","iss":"{{DevTokens.Issuer}}","aud":"{{DevTokens.Audience}}","iat":{{now}},"nbf":{{now}},"exp":{{now + 300}}}""");
        return $"{header}.{payload}.";
    }

    private static async Task ExpectAsync(HttpClient client, MappedEndpoint endpoint, string? token, HttpStatusCode expected, string what, List<string> failures)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Route);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (endpoint.Grpc)
        {
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        }
        else if (endpoint.Method is "POST" or "PUT" or "PATCH")
        {
            // A body that would fail validation: the door must answer before anything reads it.
            request.Content = new StringContent("{\"not\": \"valid\"", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        if (response.StatusCode != expected)
        {
            failures.Add($"{endpoint} with {what}: {(int)response.StatusCode} {response.StatusCode}, expected {(int)expected}");
        }
        else if (!endpoint.Grpc && endpoint.Method != "HEAD" && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{endpoint} with {what}: {(int)expected} without ProblemDetails (got {response.Content.Headers.ContentType})");
        }
    }

    // Parameters get values that pass route constraints; the door must refuse before any lookup, so none need exist.
    private static string Route(RoutePattern pattern)
    {
        var builder = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            builder.Append('/');
            foreach (var part in segment.Parts)
            {
                builder.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "int") => "1",
                    RoutePatternParameterPart parameter when parameter.Name == "digest" => "sha256:" + new string('0', 64),
                    RoutePatternParameterPart => "x",
                    _ => "",
                });
            }
        }

        return builder.Length == 0 ? "/" : builder.ToString();
    }

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class PastTime(TimeSpan ago) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() - ago;
    }
}
