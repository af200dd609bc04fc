namespace HybridInference.Cli;

/// <summary>
/// What every command's action works with: where it writes, the handler its clients send through (a test's
/// in-process server; null: the real network), the addresses the environment gives (HI_REGISTRY, HI_CHAOSLAB), the clock,
/// and the credentials every client sends.
/// </summary>
public sealed record CliContext(TextWriter Output, TextWriter Error, HttpMessageHandler? Handler, string? RegistryFromEnvironment, string? ChaosLabFromEnvironment, TimeProvider Time)
{
    /// <summary>The bearer token's sources (HI_TOKEN, <c>hi login</c>, the development token).</summary>
    public Http.CliCredentials Credentials { get; init; } = new(Http.CliCredentials.DefaultDirectory, null);

    /// <summary>Where <c>hi login</c> reads a token piped in.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>A line that shows progress: rewritten in place on a terminal, silent when the output is redirected or captured.</summary>
    public Progress Progress { get; } = new(Output);
}
