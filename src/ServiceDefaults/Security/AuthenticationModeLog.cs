using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridInference.ServiceDefaults.Security;

/// <summary>Says at start how callers are authenticated; an open service says so as loudly as a log can.</summary>
internal sealed partial class AuthenticationModeLog(IOptions<AuthOptions> options, ILogger<AuthenticationModeLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var auth = options.Value;
        if (!auth.Enabled)
        {
            Open(logger);
        }
        else
        {
            On(logger, auth.Authority ?? "(none)", string.IsNullOrWhiteSpace(auth.SigningKey) ? "no" : "yes", auth.Audience, auth.InferenceRequiresToken, auth.ApiKeys.Count);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical, Message = "AUTHENTICATION IS OFF (Auth:Enabled=false): every endpoint of this service accepts anonymous callers with every scope. Never run a deployment like this.")]
    private static partial void Open(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Authentication on: authority {Authority}, development signing key {DevKey}, audience {Audience}, inference requires a token {InferenceRequiresToken}, {ApiKeys} inference API key(s)")]
    private static partial void On(ILogger logger, string authority, string devKey, string audience, bool inferenceRequiresToken, int apiKeys);
}
