namespace HybridInference.Registry.Tests.Pages;

/// <summary>
/// A fact that needs Debian's chromium. Skipped with a reason on a machine without it (a new user's first
/// <c>dotnet test</c>), never skipped in CI (<c>CI=true</c>), where a missing browser must fail the run.
/// </summary>
public sealed class RequiresChromiumFactAttribute : FactAttribute
{
    public RequiresChromiumFactAttribute()
    {
        if (!Chromium.ShouldRun)
        {
            Skip = "chromium is not installed (apt-get install chromium); CI always runs this test";
        }
    }
}
