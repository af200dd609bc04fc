using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Cli.Http;

/// <summary>
/// Creates a command's typed client the way the services do (its <c>AddXClient</c> registration, with that
/// client's resilience pipeline) with the address the command line gave, sends through the handler <c>hi</c> was
/// given when there is one (a test's in-process server), and maps its failures through <see cref="ApiFailures"/>.
/// </summary>
internal static class CliClients
{
    public static async Task<int> CallAsync<TClient>(
        CliContext context,
        ServiceTarget target,
        Func<IServiceCollection, Action<IServiceProvider, HttpClient>, IHttpClientBuilder> register,
        Func<TClient, Task<int>> call)
        where TClient : class
    {
        var services = new ServiceCollection();
        // Registered first, so each client's AddAccessToken finds it instead of the services' configured credential.
        services.AddSingleton(context.Credentials.Source());
        var builder = register(services, (_, http) => http.BaseAddress = target.Address);
        if (context.Handler is { } handler)
        {
            builder.ConfigurePrimaryHttpMessageHandler(() => new SharedHandler(handler));
        }

        builder.AddHttpMessageHandler(() => new ValidationProblemHandler());
        await using var provider = services.BuildServiceProvider();
        return await ApiFailures.ExitCodeAsync(context, target, () => call(provider.GetRequiredService<TClient>()));
    }
}
