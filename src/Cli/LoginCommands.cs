using System.CommandLine;
using System.Globalization;
using HybridInference.Cli.Http;

namespace HybridInference.Cli;

/// <summary>
/// <c>hi login [--token T | --dev]</c> saves the bearer token later commands send (from the option, the development
/// operator token the AppHost wrote, or the first line of standard input); <c>hi logout</c> forgets it.
/// </summary>
public static class LoginCommands
{
    public const string Usage = """
        usage: hi login [--token TOKEN | --dev]    (no option: the token is read from standard input)
               hi logout

          Saves the bearer token every later command sends (HI_TOKEN, when set, wins). --dev uses the operator
          token the AppHost writes at each start (~/.hybridinference/operator.token). In a cluster, get a token
          from your OIDC issuer (for example: kubectl oidc-login, az account get-access-token) and pipe it in.
          Exit codes: 0 saved, 2 not a token or nothing to save.
        """;

    public static IEnumerable<Command> Build(CliContext context)
    {
        var token = new Option<string>("--token") { HelpName = "TOKEN", Description = "the bearer token (a JWT)" };
        var dev = new Option<bool>("--dev") { Description = "the development operator token the AppHost wrote" };
        var login = new Command("login", Usage) { token, dev };
        login.SetAction(parse => Login(context, parse.GetValue(token), parse.GetValue(dev)));
        var logout = new Command("logout", "forget the saved token");
        logout.SetAction(_ =>
        {
            context.Output.WriteLine(context.Credentials.Forget() ? $"removed {context.Credentials.LoginFile}" : "no saved token");
            return ExitCodes.Ok;
        });
        return [login, logout];
    }

    private static int Login(CliContext context, string? token, bool dev)
    {
        if (dev)
        {
            if (!File.Exists(context.Credentials.DevOperatorFile))
            {
                context.Error.WriteLine($"no development token at {context.Credentials.DevOperatorFile}: start the app first (dotnet run --project src/AppHost)");
                return ExitCodes.BadUsage;
            }

            token = File.ReadAllText(context.Credentials.DevOperatorFile);
        }

        token ??= context.Input.ReadLine();
        if (string.IsNullOrWhiteSpace(token) || TokenClaims.Read(token) is not { } claims)
        {
            context.Error.WriteLine("that is not a token: expected a JWT (three base64url parts separated by dots)");
            return ExitCodes.BadUsage;
        }

        context.Credentials.Save(token);
        var expires = claims.Expires is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "Z" : "never";
        context.Output.WriteLine($"saved to {context.Credentials.LoginFile}: subject {claims.Subject ?? "(none)"}, scopes {claims.Scopes ?? "(none)"}, expires {expires}");
        if (claims.Expires is { } expiry && expiry < context.Time.GetUtcNow())
        {
            context.Error.WriteLine("warning: this token has already expired");
        }

        return ExitCodes.Ok;
    }
}
