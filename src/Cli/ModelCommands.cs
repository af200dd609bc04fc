using System.CommandLine;
using HybridInference.Cli.Parsing;
using HybridInference.Clients.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Cli;

/// <summary>
/// <c>hi models ...</c> against the registry's model API (<see cref="RegistryModelsClient"/>): list the models, show
/// one's versions and aliases, move or remove an alias. Exit codes as for rollouts: 0 done, 1 refused by the
/// registry (its message is printed), 2 a bad command line, 3 the registry could not be reached.
/// </summary>
public static class ModelCommands
{
    public const string Usage = """
        usage: hi models list
               hi models show NAME
               hi models alias NAME ALIAS VERSION [--reason R]
               hi models unalias NAME ALIAS [--reason R]
          every command also takes:
               --registry URL   the registry (default $HI_REGISTRY, else http://localhost:8090)
               --actor NAME     who acts, recorded in the audit trail (default: your user name)

          'alias' points ALIAS (champion, challenger, or a name of your own) at VERSION; 'unalias' removes it.
          Exit codes: 0 done, 1 refused by the registry (its message is printed), 2 bad command line,
          3 registry unreachable.
        """;

    public static Command Build(CliContext context)
    {
        var (group, target) = RegistryTarget.Group(context, "models", Usage);
        Task<int> Call(ParseResult parse, Func<RegistryModelsClient, Task<string>> call) =>
            target(parse).CallAsync(Usage, (services, configure) => services.AddRegistryModelsClient(configure), call);

        var list = new Command("list", "every model with its latest version and aliases");
        Positionals.Add(list, "NAME", "", 0, given => $"'list' takes no model name (got '{string.Join(' ', given)}')");
        list.SetAction((parse, ct) => Call(parse, async client =>
        {
            var models = new List<HybridInference.Contracts.Registry.ModelSummary>();
            foreach (var name in await client.ListModelsAsync(ct))
            {
                models.Add(await client.GetModelAsync(name, ct));
            }

            return ModelTable.FormatList(models);
        }));

        var show = new Command("show", "one model's versions and aliases");
        var showName = Positionals.Add(show, "NAME", "the model", 1, given => given.Count == 0 ? "'show' needs a model name" : $"'show' takes one model name, got {given.Count}");
        show.SetAction((parse, ct) => Call(parse, async client => ModelTable.Format(await client.GetModelAsync(parse.GetValue(showName)![0], ct))));

        var alias = new Command("alias", "point an alias at a version");
        var aliasWords = Positionals.Add(alias, "NAME ALIAS VERSION", "the model, the alias and the version", 3,
            given => $"'alias' needs a model name, an alias and a version (got '{string.Join(' ', given)}')");
        alias.Validators.Add(result =>
        {
            if (result.GetValue(aliasWords) is [_, _, var version] && VersionNumber.Parse(version) is null)
            {
                result.AddError(VersionNumber.Problem(version));
            }
        });
        var aliasReason = Reason();
        alias.Options.Add(aliasReason);
        alias.SetAction((parse, ct) => Call(parse, async client =>
        {
            var (words, who) = (parse.GetValue(aliasWords)!, target(parse).Actor);
            var moved = await client.MoveAliasAsync(words[0], words[1], VersionNumber.Parse(words[2])!.Value, who, parse.GetValue(aliasReason), cancellationToken: ct);
            return $"{moved.Name}@{words[1]} -> v{moved.Version} (by {who})\n";
        }));

        var unalias = new Command("unalias", "remove an alias");
        var unaliasWords = Positionals.Add(unalias, "NAME ALIAS", "the model and the alias", 2,
            given => $"'unalias' needs a model name and an alias (got '{string.Join(' ', given)}')");
        var unaliasReason = Reason();
        unalias.Options.Add(unaliasReason);
        unalias.SetAction((parse, ct) => Call(parse, async client =>
        {
            var (words, who) = (parse.GetValue(unaliasWords)!, target(parse).Actor);
            await client.RemoveAliasAsync(words[0], words[1], who, parse.GetValue(unaliasReason), ct);
            return $"{words[0]}@{words[1]} removed (by {who})\n";
        }));

        group.Subcommands.Add(list);
        group.Subcommands.Add(show);
        group.Subcommands.Add(alias);
        group.Subcommands.Add(unalias);
        return group;
    }

    private static Option<string> Reason() => new("--reason") { HelpName = "R", Description = "why, recorded in the audit trail" };
}
