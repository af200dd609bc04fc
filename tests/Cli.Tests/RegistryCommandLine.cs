using HybridInference.TestSupport;

namespace HybridInference.Cli.Tests;

/// <summary><c>hi</c> run against the in-process registry, with what it wrote to its output and error streams.</summary>
internal static class RegistryCommandLine
{
    /// <summary>The registry's address on the command line; the in-process handler answers it.</summary>
    public const string Registry = "http://registry.test";

    public static async Task<(int Code, string Out, string Err)> HiAsync(this CliRegistry registry, params string[] args)
    {
        using var http = registry.Client();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error, http, Registry, token: TestAuth.OperatorToken, configDirectory: TestAuth.EmptyDirectory);
        return (code, output.ToString(), error.ToString());
    }
}
