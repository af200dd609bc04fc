using HybridInference.Contracts.Fleet;
using HybridInference.Router.Routing;
using HybridInference.Router.Routing.Rules;

namespace HybridInference.Router.Fleet;

/// <summary>
/// Turns the registry's device list into a <see cref="FleetSnapshot"/>, parsing each device's rules with the
/// router's own parser. The registry checks only a rule's shape, so a rule it accepted can still name a field
/// the router does not know: such a rule is set aside with the reason, never allowed to fail the whole list.
/// The contract's non-null fields are checked here too: an entry the registry wrote without an id, state or
/// rule list is read as JSON gives it (null), and must be tolerated, not trusted.
/// </summary>
public static class FleetDeviceList
{
    public static FleetSnapshot Parse(IReadOnlyList<DeviceView?> devices, DateTimeOffset readAt)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var result = new Dictionary<string, FleetDevice>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            // A device without an id cannot be matched to a node; a repeated id keeps its first entry.
            if (string.IsNullOrWhiteSpace(device?.Id) || result.ContainsKey(device.Id))
            {
                continue;
            }

            var (rules, rejected) = ParseRules(device.Desired?.Rules ?? []);
            result[device.Id] = new FleetDevice(
                device.Id,
                device.Site,
                device.State ?? "unknown",
                device.Health,
                device.LastSeen,
                device.Desired?.Generation,
                rules,
                rejected);
        }

        return new FleetSnapshot(result, readAt);
    }

    private static (IReadOnlyList<RoutingRule> Rules, IReadOnlyList<string> Rejected) ParseRules(IReadOnlyList<RuleDefinition?> definitions)
    {
        List<RoutingRule> rules = [];
        List<string> rejected = [];
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            var label = $"rules[{i}] '{definition?.Name}'";
            if (definition is null)
            {
                rejected.Add($"rules[{i}] is null");
            }
            else if (!RoutingOptionsValidator.IsRuleName(definition.Name))
            {
                rejected.Add($"{label}: the name must be lower-case letters, digits and '-'");
            }
            else if (rules.Any(r => r.Name == definition.Name))
            {
                rejected.Add($"{label}: the name is used by an earlier rule of the device");
            }
            else if (string.IsNullOrWhiteSpace(definition.Expression))
            {
                rejected.Add($"{label}: the expression is empty");
            }
            else
            {
                try
                {
                    rules.Add(RuleParser.Parse(definition.Name!, definition.Expression));
                }
                catch (RuleSyntaxException ex)
                {
                    rejected.Add($"{label} expression '{definition.Expression}': {ex.Message}");
                }
            }
        }

        return (rules, rejected);
    }
}
