namespace HybridInference.Registry.Fleet;

/// <summary>A set of devices a desired state can be given to at once: every device of a group, or of a site.</summary>
public sealed record FleetTarget(string Kind, string Name)
{
    public const string GroupKind = "group";
    public const string SiteKind = "site";

    public static FleetTarget Group(string name) => new(GroupKind, name);

    public static FleetTarget Site(string name) => new(SiteKind, name);

    /// <summary>As written in desired states and audit entries: <c>group:canary</c>, <c>site:site-1</c>.</summary>
    public override string ToString() => $"{Kind}:{Name}";
}
