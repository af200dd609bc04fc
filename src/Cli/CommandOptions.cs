namespace HybridInference.Cli;

/// <summary>
/// A command's words after its name: positional arguments and <c>--name value</c> options, each option
/// allowed at most once and only if the command knows it, so a typo is an error rather than ignored.
/// </summary>
public sealed class CommandOptions
{
    private readonly Dictionary<string, string> _options;

    private CommandOptions(List<string> positional, Dictionary<string, string> options)
    {
        Positional = positional;
        _options = options;
    }

    public IReadOnlyList<string> Positional { get; }

    public string? this[string name] => _options.GetValueOrDefault(name);

    /// <summary>Parses <paramref name="args"/>; on a problem returns null and says what it is in <paramref name="problem"/>.</summary>
    public static CommandOptions? Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> known, out string problem)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        problem = "";
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }

            if (!known.Contains(args[i]))
            {
                problem = $"unknown option '{args[i]}'";
                return null;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"option '{args[i]}' needs a value";
                return null;
            }

            if (!options.TryAdd(args[i], args[i + 1]))
            {
                problem = $"option '{args[i]}' is given twice";
                return null;
            }

            i++;
        }

        return new CommandOptions(positional, options);
    }
}
