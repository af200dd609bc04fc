using System.CommandLine;
using HybridInference.Cli.Http;
using HybridInference.Cli.Parsing;

namespace HybridInference.Cli;

/// <summary>
/// Where a registry command goes and who sends it: the <c>--registry</c> given (else HI_REGISTRY, else
/// <see cref="DefaultRegistry"/>) and the actor. Shared by <c>hi rollouts</c>, <c>hi models</c> and <c>hi fleet</c>.
/// </summary>
internal sealed record RegistryTarget(CliContext Context, string? Registry, string Actor)
{
    /// <summary>The registry's development address (the AppHost's fixed port for it).</summary>
    public const string DefaultRegistry = "http://localhost:8090";

    /// <summary><c>--registry URL</c>, taken by every command of a group.</summary>
    private static Option<string> RegistryOption() =>
        new("--registry") { HelpName = "URL", Description = "the registry (default $HI_REGISTRY, else " + DefaultRegistry + ")", Recursive = true };

    /// <summary><c>--actor NAME</c>, taken by every command of a group.</summary>
    private static Option<string> ActorOption() =>
        new("--actor") { HelpName = "NAME", Description = "who acts, recorded in the audit trail (default: your user name)", Recursive = true };

    /// <summary>
    /// A command group whose every command takes <c>--registry</c> and <c>--actor</c>, with the target that a parsed
    /// command line of it names.
    /// </summary>
    public static (Command Group, Func<ParseResult, RegistryTarget> Target) Group(CliContext context, string name, string usage)
    {
        var registry = RegistryOption();
        var actor = ActorOption();
        return (new Command(name, usage) { registry, actor }, parse => Of(context, parse, registry, actor));
    }

    /// <summary>The target a command line names with <paramref name="registry"/> and <paramref name="actor"/>.</summary>
    private static RegistryTarget Of(CliContext context, ParseResult parse, Option<string> registry, Option<string> actor) =>
        new(context, parse.GetValue(registry), parse.GetValue(actor) ?? Environment.UserName);

    /// <summary>
    /// Creates <typeparamref name="TClient"/> for the registry's address and writes what <paramref name="call"/> returns;
    /// a bad address is bad usage (with <paramref name="usage"/>), failures exit as <see cref="ApiFailures"/> says.
    /// </summary>
    public async Task<int> CallAsync<TClient>(
        string usage,
        Func<Microsoft.Extensions.DependencyInjection.IServiceCollection, Action<IServiceProvider, HttpClient>, Microsoft.Extensions.DependencyInjection.IHttpClientBuilder> register,
        Func<TClient, Task<string>> call)
        where TClient : class
    {
        var registryText = Registry ?? (string.IsNullOrWhiteSpace(Context.RegistryFromEnvironment) ? DefaultRegistry : Context.RegistryFromEnvironment);
        if (Values.HttpUrl(registryText, "the registry", out var problem) is not { } registry)
        {
            await Context.Error.WriteLineAsync($"{problem}\n{usage}");
            return ExitCodes.BadUsage;
        }

        return await CliClients.CallAsync<TClient>(
            Context,
            new ServiceTarget("the registry", registry, ExitCodes.Unreachable),
            register,
            async client =>
            {
                await Context.Output.WriteAsync(await call(client));
                return ExitCodes.Ok;
            });
    }
}
