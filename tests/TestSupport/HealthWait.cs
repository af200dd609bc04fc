namespace HybridInference.TestSupport;

/// <summary>Waits for a service started in-process to report healthy (e.g. the registry once it has seeded).</summary>
public static class HealthWait
{
    /// <summary>Polls <c>/health</c> every 100 ms until it answers 2xx; throws after 20 s naming <paramref name="what"/>.</summary>
    public static async Task UntilHealthyAsync(HttpClient client, string what = "the registry did not finish seeding")
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var health = await client.GetAsync("/health");
            if (health.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException(what);
    }
}
