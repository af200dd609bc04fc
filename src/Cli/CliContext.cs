namespace HybridInference.Cli;

/// <summary>
/// What every command's action works with: where it writes, the handler its clients send through (a test's
/// in-process server; null: the real network), the addresses the environment gives (HI_REGISTRY, HI_CHAOSLAB) and the clock.
/// </summary>
public sealed record CliContext(TextWriter Output, TextWriter Error, HttpMessageHandler? Handler, string? RegistryFromEnvironment, string? ChaosLabFromEnvironment, TimeProvider Time)
{
    /// <summary>A line that shows progress: rewritten in place on a terminal, silent when the output is redirected or captured.</summary>
    public Progress Progress { get; } = new(Output);
}
