using System.CommandLine;
using HybridInference.Cli.Parsing;
using HybridInference.Clients.Fleet;
using HybridInference.Contracts.Fleet;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Cli;

/// <summary>
/// <c>hi fleet ...</c> against the registry's fleet API (<see cref="FleetClient"/>): list the devices, show one, set
/// the desired model version of a device, a group or a site, revoke a device's credential. Exit codes as for rollouts: 0 done, 1 refused by the
/// registry (its message is printed), 2 a bad command line, 3 the registry could not be reached.
/// </summary>
public static class FleetCommands
{
    public const string Usage = """
        usage: hi fleet list [--group G] [--site S]
               hi fleet show DEVICE
               hi fleet desired (--device D | --group G | --site S) --model M (--version V | --alias A) [--reason R]
               hi fleet revoke DEVICE
          every command also takes:
               --registry URL   the registry (default $HI_REGISTRY, else http://localhost:8090)
               --actor NAME     who acts, recorded in the audit trail (default: your user name)

          'desired' sets what the devices should run, a version or the version an alias names now (the registry
          resolves it once: a later move of the alias does not redeploy); a group's or site's desired state also
          applies to devices that join it later. Exit codes: 0 done, 1 refused by the registry (its message is
          printed), 2 bad command line, 3 registry unreachable.

          'revoke' revokes a device's credential: its fleet stream ends within seconds, its next connect and download
          are refused, and its id is free to enrol again with a bootstrap secret (docs/OPERATIONS.md).
        """;

    public static Command Build(CliContext context)
    {
        var (group, target) = RegistryTarget.Group(context, "fleet", Usage);
        Task<int> Call(ParseResult parse, Func<FleetClient, Task<string>> call) =>
            target(parse).CallAsync(Usage, (services, configure) => services.AddFleetClient(configure), call);

        var listGroup = new Option<string>("--group") { HelpName = "G", Description = "only the devices of this group" };
        var listSite = new Option<string>("--site") { HelpName = "S", Description = "only the devices of this site" };
        var list = new Command("list", "the registered devices: state, health, running and desired version") { listGroup, listSite };
        Positionals.Add(list, "DEVICE", "", 0, given => $"'list' takes no device id (got '{string.Join(' ', given)}')");
        list.SetAction((parse, ct) => Call(parse, async client =>
            DeviceTable.FormatList(await client.ListDevicesAsync(parse.GetValue(listGroup), parse.GetValue(listSite), ct))));

        var show = new Command("show", "one device: what it runs, what it should run, its last report");
        var device = Positionals.Add(show, "DEVICE", "the device's id", 1, given => given.Count == 0 ? "'show' needs a device id" : $"'show' takes one device id, got {given.Count}");
        show.SetAction((parse, ct) => Call(parse, async client => DeviceTable.Format(await client.GetDeviceAsync(parse.GetValue(device)![0], ct))));

        var revoke = new Command("revoke", "revoke a device's credential: its stream ends, it must enrol again");
        var revoked = Positionals.Add(revoke, "DEVICE", "the device's id", 1, given => given.Count == 0 ? "'revoke' needs a device id" : $"'revoke' takes one device id, got {given.Count}");
        revoke.SetAction((parse, ct) => Call(parse, async client => DeviceTable.FormatCredential(await client.RevokeCredentialAsync(parse.GetValue(revoked)![0], ct))));

        group.Subcommands.Add(list);
        group.Subcommands.Add(revoke);
        group.Subcommands.Add(show);
        group.Subcommands.Add(DesiredCommand(target, Call));
        return group;
    }

    private static Command DesiredCommand(Func<ParseResult, RegistryTarget> target, Func<ParseResult, Func<FleetClient, Task<string>>, Task<int>> call)
    {
        var device = new Option<string>("--device") { HelpName = "D", Description = "one device" };
        var group = new Option<string>("--group") { HelpName = "G", Description = "every device of a group" };
        var site = new Option<string>("--site") { HelpName = "S", Description = "every device of a site" };
        var model = new Option<string>("--model") { HelpName = "M", Description = "the model (required)" };
        var version = Values.WholeNumber("--version", "V", "the version (or --alias)", 1, "--version must be a version number of 1 or more, got '{0}'");
        var alias = new Option<string>("--alias") { HelpName = "A", Description = "the version an alias of the model names, e.g. champion (or --version)" };
        var reason = new Option<string>("--reason") { HelpName = "R", Description = "why, recorded in the audit trail" };
        var desired = new Command("desired", "set the model version a device, a group or a site should run") { device, group, site, model, version, alias, reason };
        Positionals.Add(desired, "ARGS", "", 0, given => $"'desired' takes no arguments (got '{string.Join(' ', given)}')");
        desired.Validators.Add(result =>
        {
            if (new Option[] { device, group, site }.Count(o => result.GetResult(o) is not null) != 1)
            {
                result.AddError("'desired' needs exactly one of --device D, --group G, --site S");
            }

            var versionOrAlias = new Option[] { version, alias }.Count(o => result.GetResult(o) is not null);
            if (result.GetResult(model) is null || versionOrAlias == 0)
            {
                result.AddError("'desired' needs --model M and --version V (or --alias A)");
            }
            else if (versionOrAlias == 2)
            {
                result.AddError("'desired' takes --version V or --alias A, not both");
            }
        });
        desired.SetAction((parse, ct) => call(parse, async client =>
        {
            var who = target(parse).Actor;
            var request = new DesiredStateRequest(parse.GetValue(model), parse.GetValue(version), parse.GetValue(alias), null, who, parse.GetValue(reason));
            if (parse.GetValue(device) is { } id)
            {
                return DeviceTable.FormatDesired("device:" + id, await client.SetDeviceDesiredAsync(id, request, who, ct), []);
            }

            var result = parse.GetValue(group) is { } g
                ? await client.SetGroupDesiredAsync(g, request, who, ct)
                : await client.SetSiteDesiredAsync(parse.GetValue(site)!, request, who, ct);
            return DeviceTable.FormatDesired(result.Target, result.Desired, result.Devices);
        }));
        return desired;
    }
}
