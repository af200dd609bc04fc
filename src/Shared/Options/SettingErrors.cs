using System.Globalization;
using Microsoft.Extensions.Options;

namespace HybridInference.Shared.Options;

/// <summary>
/// The errors of one options section, collected so that one start reports every bad setting, each naming its
/// key and value. Source shared by the services' validators (linked into each project that checks its
/// settings this way), so every range check reads and fails alike.
/// </summary>
internal sealed class SettingErrors(string section)
{
    private readonly List<string> _errors = [];

    /// <summary>Adds an error unless <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public void Range(string key, double value, double min, double max)
    {
        // Written so that NaN fails too.
        if (!(value >= min && value <= max))
        {
            _errors.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:{key} must be between {min} and {max} (was {value})"));
        }
    }

    /// <summary>Adds an error when <paramref name="address"/> is set but is no absolute http(s) URI.</summary>
    public void HttpAddress(string key, string? address)
    {
        if (!string.IsNullOrWhiteSpace(address) && !IsHttpAddress(address))
        {
            _errors.Add($"{section}:{key} '{address}' is not an absolute http:// or https:// address.");
        }
    }

    public void Add(string error) => _errors.Add(error);

    public void AddRange(IEnumerable<string> errors) => _errors.AddRange(errors);

    public ValidateOptionsResult Result => _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);

    public static bool IsHttpAddress(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
