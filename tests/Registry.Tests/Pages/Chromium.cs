using System.Diagnostics;

namespace HybridInference.Registry.Tests.Pages;

/// <summary>Debian's chromium, headless, as a user's browser would load a page: the DOM after rendering, or a screenshot.</summary>
public static class Chromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static bool ShouldRun => Find() is not null || Environment.GetEnvironmentVariable("CI") is "true";

    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin")
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists);

    /// <summary>The page's DOM as serialized after load (<c>--dump-dom</c>).</summary>
    public static async Task<string> DumpDomAsync(Uri page) => (await RunAsync("--dump-dom", page.ToString())).Output;

    /// <summary>Renders the page into a PNG of the given size and returns its bytes.</summary>
    public static async Task<byte[]> ScreenshotAsync(Uri page, int width, int height)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hi-page-{Guid.NewGuid():N}.png");
        try
        {
            await RunAsync($"--screenshot={file}", $"--window-size={width},{height}", "--hide-scrollbars", page.ToString());
            return await File.ReadAllBytesAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(string Output, string Error)> RunAsync(params string[] arguments)
    {
        var binary = Find() ?? throw new InvalidOperationException("chromium is not installed; CI installs it with 'apt-get install -y chromium'.");

        // A profile of its own per run: two runs at once must not share (and lock) one profile directory.
        var profile = Directory.CreateTempSubdirectory("hi-chromium-").FullName;
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-dev-shm-usage", $"--user-data-dir={profile}" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish within {Timeout.TotalSeconds} s: {await error}");
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A renderer still closing can hold a file a moment; the temp directory is cleaned eventually.
            }
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {await error}");
        }

        return (await output, await error);
    }
}
