namespace HybridInference.AppHost.Tests;

/// <summary>The test classes that share one running mesh on Garnet and leave it as they found it.</summary>
[CollectionDefinition(Name)]
public sealed class MeshCollection : ICollectionFixture<GarnetApp>
{
    public const string Name = "mesh";
}
