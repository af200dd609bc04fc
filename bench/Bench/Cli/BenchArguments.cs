using System.Globalization;

namespace HybridInference.Bench.Cli;

/// <summary>Options of the form <c>--name value</c> and flags <c>--name</c>, after a command word.</summary>
public sealed class BenchArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    public BenchArguments(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(flags);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                Positional.Add(arg);
            }
            else if (flags.Contains(arg))
            {
                _options[arg] = null;
            }
            else if (i + 1 < args.Count)
            {
                _options[arg] = args[++i];
            }
            else
            {
                throw new ArgumentException($"{arg} needs a value");
            }
        }
    }

    public List<string> Positional { get; } = [];

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Text(string name) => _options.GetValueOrDefault(name);

    public double Number(string name, double fallback) =>
        _options.GetValueOrDefault(name) is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new ArgumentException($"{name} takes a positive number, not '{text}'")
            : fallback;
}
