using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HybridInference.Contracts.Fleet;
using HybridInference.Contracts.Security;
using HybridInference.Security;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HybridInference.Registry.Tests.Apis;

/// <summary>What the enrolment endpoint refuses, and why, as a device or an intruder would meet it.</summary>
public sealed class EnrolmentApiTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private static string NewId() => "dev-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<HttpClient> AnonymousAsync()
    {
        var client = (await host.FactoryAsync()).CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    private static async Task<(HttpStatusCode Status, string Detail)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var detail = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString() ?? ""
                : body;
            return (response.StatusCode, detail);
        }
    }

    [Fact]
    public async Task Enrol_WithTheSecret_AnswersACredentialBoundToTheDevice()
    {
        using var client = await AnonymousAsync();
        var id = NewId();

        var credential = await TestEnrolment.EnrolAsync(client, id, "site-3");

        Assert.Equal(id, credential.DeviceId);
        Assert.Equal("site-3", credential.Site);
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(credential.Token);
        Assert.Equal(id, token.Subject);
        Assert.Equal(id, token.GetClaim("device_id").Value);
        Assert.Equal("site-3", token.GetClaim("site").Value);
        Assert.Equal(credential.CredentialId, token.Id);
        Assert.Equal("hybridinference-registry", token.Issuer);
        Assert.Equal("models:read fleet:connect", token.GetClaim("scope").Value);
        Assert.True(credential.ExpiresAt > credential.IssuedAt.AddDays(89));

        using var operatorClient = (await host.FactoryAsync()).CreateClient();
        var status = await operatorClient.GetFromJsonAsync<CredentialStatus>($"/api/fleet/devices/{id}/credential");
        Assert.Equal(CredentialStatus.Enrolled, status!.State);
        Assert.Equal(credential.CredentialId, status.CredentialId);
        Assert.Equal("bootstrap:test", status.EnrolledBy);
        var audit = await operatorClient.GetFromJsonAsync<JsonElement>("/api/fleet/audit?count=50");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("device").GetString() == id && e.GetProperty("action").GetString() == "credential-issued"
            && e.GetProperty("actor").GetString() == "bootstrap:test");
    }

    [Fact]
    public async Task Enrol_WithoutASecret_Is401()
    {
        using var client = await AnonymousAsync();

        var (status, _) = await SendAsync(client, TestEnrolment.Request(NewId(), "site-1", secret: null));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Enrol_WithAWrongSecret_Is401_NamingTheSecret()
    {
        using var client = await AnonymousAsync();

        var (status, detail) = await SendAsync(client, TestEnrolment.Request(NewId(), "site-1", secret: "not-the-bootstrap-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("bootstrap secret is not one this registry knows", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrol_WithASiteSecret_ForAnotherSite_Is403()
    {
        using var client = await AnonymousAsync();

        var (status, detail) = await SendAsync(client, TestEnrolment.Request(NewId(), "site-1", TestEnrolment.SiteSecret));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("enrols devices of site 'site-7' only, not 'site-1'", detail, StringComparison.Ordinal);
        await TestEnrolment.EnrolAsync(client, NewId(), TestEnrolment.RestrictedSite, TestEnrolment.SiteSecret);
    }

    [Theory]
    [InlineData("../edge-1", "site-1", "deviceId '../edge-1' is invalid")]
    [InlineData("", "site-1", "deviceId '' is invalid")]
    [InlineData(null, "site-1", "deviceId '' is invalid")]
    [InlineData("edge-ok", null, "site is required")]
    [InlineData("edge-ok", "a site", "site 'a site' is invalid")]
    public async Task Enrol_WithABadDeviceOrSite_Is400_NamingIt(string? deviceId, string? site, string expected)
    {
        using var client = await AnonymousAsync();

        var (status, detail) = await SendAsync(client, TestEnrolment.Request(deviceId, site));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrol_WithoutJson_Is400()
    {
        using var client = await AnonymousAsync();
        var request = TestEnrolment.Request(NewId(), "site-1");
        request.Content = new StringContent("deviceId=edge-1", Encoding.UTF8, "text/plain");

        var (status, detail) = await SendAsync(client, request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("expected a JSON body", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrol_AnEnrolledDevice_Is409_WithEitherSecret_AndItKeepsItsCredential()
    {
        using var client = await AnonymousAsync();
        var id = NewId();
        var first = await TestEnrolment.EnrolAsync(client, id, TestEnrolment.RestrictedSite);

        var (again, detail) = await SendAsync(client, TestEnrolment.Request(id, TestEnrolment.RestrictedSite));
        var (other, _) = await SendAsync(client, TestEnrolment.Request(id, TestEnrolment.RestrictedSite, TestEnrolment.SiteSecret));

        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal(HttpStatusCode.Conflict, other);
        Assert.Contains($"device '{id}' is already enrolled", detail, StringComparison.Ordinal);
        Assert.Contains("revokes its credential first", detail, StringComparison.Ordinal);
        using var operatorClient = (await host.FactoryAsync()).CreateClient();
        var status = await operatorClient.GetFromJsonAsync<CredentialStatus>($"/api/fleet/devices/{id}/credential");
        Assert.Equal(first.CredentialId, status!.CredentialId);
    }

    [Fact]
    public async Task Enrol_RacingForOneId_GivesExactlyOneCredential()
    {
        using var client = await AnonymousAsync();
        var id = NewId();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendAsync(client, TestEnrolment.Request(id, "site-1"))));

        Assert.Single(outcomes, o => o.Status == HttpStatusCode.Created);
        Assert.All(outcomes.Where(o => o.Status != HttpStatusCode.Created), o => Assert.Equal(HttpStatusCode.Conflict, o.Status));
    }

    [Fact]
    public async Task Enrol_WithATokenInsteadOfASecret_Is403()
    {
        using var client = await AnonymousAsync();
        var request = TestEnrolment.Request(NewId(), "site-1", secret: null);
        // Even a token that carries fleet:enrol: enrolment is by bootstrap secret only.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestAuth.Token("someone", [.. Scopes.All, Scopes.FleetEnrol]));
        var (withScope, detail) = await SendAsync(client, request);
        var operatorRequest = TestEnrolment.Request(NewId(), "site-1", secret: null);
        operatorRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestAuth.OperatorToken);
        var (asOperator, _) = await SendAsync(client, operatorRequest);

        Assert.Equal(HttpStatusCode.Forbidden, withScope);
        Assert.Contains("enrolment takes a bootstrap secret", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, asOperator);
    }

    [Fact]
    public async Task Revoke_WithoutFleetWrite_Is403_AndTwice_Is404()
    {
        using var anonymous = await AnonymousAsync();
        var id = NewId();
        var credential = await TestEnrolment.EnrolAsync(anonymous, id);
        using var reader = (await host.FactoryAsync()).CreateClient().Authorize(TestAuth.Token("reader", [Scopes.FleetRead]));
        using var device = (await host.FactoryAsync()).CreateClient().Authorize(credential.Token);
        using var operatorClient = (await host.FactoryAsync()).CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteAsync($"/api/fleet/devices/{id}/credential")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await device.DeleteAsync($"/api/fleet/devices/{id}/credential")).StatusCode);
        using var revoked = await operatorClient.DeleteAsync($"/api/fleet/devices/{id}/credential");
        using var again = await operatorClient.DeleteAsync($"/api/fleet/devices/{id}/credential");
        using var never = await operatorClient.DeleteAsync($"/api/fleet/devices/{NewId()}/credential");

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var status = await revoked.Content.ReadFromJsonAsync<CredentialStatus>();
        Assert.Equal(CredentialStatus.Revoked, status!.State);
        Assert.Equal("operator", status.RevokedBy);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("holds no credential", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, never.StatusCode);
    }

    [Fact]
    public async Task DeviceCredential_SignedWithAnotherKey_Is401()
    {
        var forged = DevTokens.Issue(DevTokens.NewSigningKey(), new DevToken("edge-1", [Scopes.ModelsRead, Scopes.FleetConnect], TimeSpan.FromHours(1))
        {
            Issuer = "hybridinference-registry",
            Audience = "hybridinference-registry",
            Claims = new Dictionary<string, string> { ["device_id"] = "edge-1", ["jti"] = "x" },
        }, TimeProvider.System);
        using var client = (await host.FactoryAsync()).CreateClient().Authorize(forged);

        using var response = await client.GetAsync("/api/artifacts/sha256:" + new string('0', 64));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task DeviceCredential_ReadsModels_ButNothingElse()
    {
        using var anonymous = await AnonymousAsync();
        var credential = await TestEnrolment.EnrolAsync(anonymous, NewId());
        using var device = (await host.FactoryAsync()).CreateClient().Authorize(credential.Token);

        using var download = await device.GetAsync("/api/artifacts/sha256:" + new string('0', 64));
        using var fleet = await device.GetAsync("/api/fleet/devices");

        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fleet.StatusCode);
    }
}
