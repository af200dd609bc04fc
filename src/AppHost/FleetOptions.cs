namespace HybridInference.AppHost;

/// <summary>The development fleet the AppHost starts (section <c>Fleet</c>).</summary>
internal sealed class FleetOptions
{
    public const string SectionName = "Fleet";

    /// <summary>How many EdgeInference processes to start. <value>Defaults to 3.</value></summary>
    public int EdgeNodes { get; set; } = 3;

    /// <summary>Site names, assigned to edge nodes in turn. <value>Defaults to site-1..site-3.</value></summary>
    public string[] Sites { get; set; } = [];

    /// <summary>Checks the values and names the bad setting; the AppHost refuses to start on an error.</summary>
    public IReadOnlyList<string> Validate()
    {
        List<string> errors = [];
        if (EdgeNodes is < 1 or > 64)
        {
            errors.Add($"Fleet:EdgeNodes must be between 1 and 64, got {EdgeNodes}.");
        }

        foreach (var site in Sites)
        {
            if (string.IsNullOrWhiteSpace(site) || !System.Text.RegularExpressions.Regex.IsMatch(site, "^[a-z0-9][a-z0-9-]{0,39}$"))
            {
                errors.Add($"Fleet:Sites entries must be kebab-case names (a-z, 0-9, '-'), got '{site}'.");
            }
        }

        return errors;
    }

    public string SiteOf(int nodeIndex) => Sites.Length == 0 ? $"site-{nodeIndex + 1}" : Sites[nodeIndex % Sites.Length];
}
