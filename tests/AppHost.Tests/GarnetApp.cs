namespace HybridInference.AppHost.Tests;

/// <summary>The AppHost as a new user runs it: no settings, so the store is the embedded Garnet.</summary>
public sealed class GarnetApp : RunningApp
{
    protected override string[] Arguments => [];
}
