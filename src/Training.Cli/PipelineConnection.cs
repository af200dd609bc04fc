using System.CommandLine;
using HybridInference.Training.Cli.Parsing;

namespace HybridInference.Training.Cli;

/// <summary>
/// Where a pipeline command keeps its state and finds the registry: <c>--store</c>, <c>--key-prefix</c> and,
/// where the command talks to the registry, <c>--registry</c>; each falls back to the variable Aspire sets.
/// </summary>
internal sealed class PipelineConnection
{
    private readonly Option<string?> _store = Values.Text("--store", "HOST:PORT", "the store the run's state is kept in (default $ConnectionStrings__store)");
    private readonly Option<string?> _prefix = Values.Text("--key-prefix", "PREFIX", "the store's key prefix (default $Store__KeyPrefix, else hi)");
    private readonly Option<string?> _registry = Values.Text("--registry", "URL", "the registry's http(s) address (default $services__registry__http__0)");

    public PipelineConnection(Command command, bool withRegistry)
    {
        command.Options.Add(_store);
        command.Options.Add(_prefix);
        if (withRegistry)
        {
            command.Options.Add(_registry);
        }
    }

    /// <summary>The store's address and key prefix, checked.</summary>
    public (string Store, string Prefix) Read(ParseResult parse)
    {
        var store = parse.GetValue(_store) ?? Environment.GetEnvironmentVariable("ConnectionStrings__store") ?? "";
        var prefix = parse.GetValue(_prefix) ?? Environment.GetEnvironmentVariable("Store__KeyPrefix") ?? "hi";
        if (string.IsNullOrWhiteSpace(store))
        {
            throw new UsageException("--store host:port (or ConnectionStrings__store) is required: the run's state is kept there");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(prefix, "^[a-z0-9][a-z0-9:_-]*$"))
        {
            throw new UsageException($"--key-prefix must be lower-case letters, digits, ':', '_' or '-' (was '{prefix}')");
        }

        return (store, prefix);
    }

    /// <summary>The registry's address, ending in '/' so relative paths resolve under it.</summary>
    public Uri Registry(ParseResult parse)
    {
        var registryText = parse.GetValue(_registry) ?? Environment.GetEnvironmentVariable("services__registry__http__0") ?? "";
        if (!Uri.TryCreate(registryText, UriKind.Absolute, out var registryUri) || registryUri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--registry must be the registry's http(s) address, e.g. http://localhost:5080 (was '{registryText}')");
        }

        return registryUri.AbsolutePath.EndsWith('/') ? registryUri : new Uri(registryUri + "/");
    }
}
