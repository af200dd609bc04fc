using HybridInference.Contracts.Rollouts;

namespace HybridInference.Registry.Pages;

/// <summary>Verdicts and phases as the pages write them: the same kebab-case words as the API's JSON.</summary>
internal static class Verdicts
{
    public static string Text(Verdict verdict) => verdict switch
    {
        Verdict.Successful => "successful",
        Verdict.Failed => "failed",
        _ => "inconclusive",
    };

    public static string Css(Verdict verdict) => "verdict verdict-" + Text(verdict);

    public static string Text(RolloutPhase phase) => phase switch
    {
        RolloutPhase.Progressing => "progressing",
        RolloutPhase.Paused => "paused",
        RolloutPhase.Promoted => "promoted",
        _ => "rolled-back",
    };
}
