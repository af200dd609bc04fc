namespace HybridInference.AppHost.Tests;

/// <summary>The fleet test classes share one mesh; each uses its own edge node, so none sees another's changes.</summary>
[CollectionDefinition(Name)]
public sealed class FleetCollection : ICollectionFixture<FleetApp>
{
    public const string Name = "fleet";
}
