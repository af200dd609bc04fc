using HybridInference.Clients;

namespace HybridInference.Cli.Http;

/// <summary>
/// The one place where a typed client's <see cref="ApiException"/> becomes what <c>hi</c> prints and exits with:
/// an error status is refused (1, with the service's detail); no answer is the group's unreachable code; a success
/// status whose body is not the service's document means the address is some other service (unreachable too).
/// </summary>
internal static class ApiFailures
{
    public static async Task<int> ExitCodeAsync(CliContext context, ServiceTarget target, Func<Task<int>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiException ex)
        {
            await context.Progress.ClearAsync();
            var (message, code) = ex switch
            {
                { Unreachable: true } => ($"{target.Name} at {target.Address} could not be reached: {ex.Detail}", target.UnreachableCode),
                { StatusCode: var status } when (int)status! < 300 =>
                    ($"{target.Address} answered {(int)status}, but not as {target.Name} does ({ex.Detail}); is it {target.Name}?", target.UnreachableCode),
                _ => ($"{target.Name} refused ({(int)ex.StatusCode!}): {ex.Detail}", ExitCodes.Refused),
            };
            await context.Error.WriteLineAsync(message);
            return code;
        }
    }
}
