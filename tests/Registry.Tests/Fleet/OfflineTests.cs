using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.Registry.Fleet;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Registry.Tests.Fleet;

/// <summary>A device silent for longer than Fleet:OfflineAfterSeconds is shown offline, on a fake clock.</summary>
public sealed class OfflineTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    [Fact]
    public async Task SilentDevice_TurnsOfflineAfterTheConfiguredTime_AndOnlineWhenHeardAgain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var registry = host.Create(seed: null).WithWebHostBuilder(web =>
        {
            web.UseSetting("Fleet:OfflineAfterSeconds", "10");
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        });
        using var http = registry.CreateClient();
        using var fleet = new FleetClient(registry);
        var id = FleetClient.NewDeviceId();
        await fleet.RegisterAsync(id);

        clock.Advance(TimeSpan.FromSeconds(10));
        var justInTime = await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{id}");
        clock.Advance(TimeSpan.FromSeconds(1));
        var silent = await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{id}");
        await registry.Services.GetRequiredService<FleetStore>().TouchAsync(id);
        var heard = await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{id}");

        Assert.Equal("online", justInTime.GetProperty("state").GetString());
        Assert.Equal("offline", silent.GetProperty("state").GetString());
        Assert.Equal("offline", silent.GetProperty("health").GetString());
        Assert.Equal("online", heard.GetProperty("state").GetString());
    }

    [Fact]
    public async Task BadFleetSetting_FailsStart_NamingTheSetting()
    {
        await using var registry = host.Create(seed: null).WithWebHostBuilder(web => web.UseSetting("Fleet:OfflineAfterSeconds", "0"));

        var error = Assert.ThrowsAny<Exception>(() => registry.CreateClient());

        Assert.Contains("Fleet:OfflineAfterSeconds must be between 1 and 3600", error.ToString(), StringComparison.Ordinal);
    }
}
