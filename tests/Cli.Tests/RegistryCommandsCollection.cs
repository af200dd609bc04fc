namespace HybridInference.Cli.Tests;

/// <summary>
/// <c>hi models</c> and <c>hi fleet</c> share one in-process registry (its own, not the rollout tests'), so their
/// classes run one after the other; each test changes only what it reads back itself.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RegistryCommandsCollection : ICollectionFixture<CliRegistry>
{
    public const string Name = "registry commands";
}
