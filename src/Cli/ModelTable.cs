using System.Globalization;
using System.Text;
using HybridInference.Contracts.Registry;

namespace HybridInference.Cli;

/// <summary>Models as plain-text tables: the list with each one's latest version and aliases, and one model's versions.</summary>
public static class ModelTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string FormatList(IReadOnlyList<ModelSummary> models) => TextTable.Format(
        models,
        "no models\n",
        string.Create(C, $"{"model",-24} {"latest",6} {"versions",8} aliases"),
        model => string.Create(C, $"{model.Name,-24} {Version(model.LatestVersion),6} {model.Versions.Count,8} {Aliases(model.Aliases)}"));

    public static string Format(ModelSummary model)
    {
        var text = new StringBuilder();
        text.AppendLine(C, $"model       {model.Name}");
        text.AppendLine(C, $"latest      {Version(model.LatestVersion)}");
        text.AppendLine(C, $"aliases     {Aliases(model.Aliases)}");
        text.AppendLine();
        text.AppendLine(C, $"{"version",7} {"registered",-20} {"by",-16} {"size",12} {"digest",-20} aliases");
        foreach (var version in model.Versions)
        {
            var aliases = model.Aliases.Where(a => a.Value == version.Version).Select(a => a.Key).Order(StringComparer.Ordinal);
            text.AppendLine(C,
                $"{"v" + version.Version.ToString(C),7} {version.RegisteredAt:u} {version.RegisteredBy,-16} {version.SizeBytes,12} {Short(version.Digest),-20} {string.Join(", ", aliases)}");
        }

        return text.ToString();
    }

    private static string Version(int? version) => version is { } v ? "v" + v.ToString(C) : "-";

    private static string Aliases(IReadOnlyDictionary<string, int> aliases) => aliases.Count == 0
        ? "-"
        : string.Join(", ", aliases.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}=v{a.Value.ToString(C)}"));

    // The digest's algorithm and first hex digits: enough to tell versions apart at a glance.
    private static string Short(string digest) => digest.Length > 20 ? digest[..20] : digest;
}
