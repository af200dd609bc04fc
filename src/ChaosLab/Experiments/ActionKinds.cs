namespace HybridInference.ChaosLab.Experiments;

/// <summary>The action kinds of an experiment file.</summary>
public static class ActionKinds
{
    public const string Kill = "kill";
    public const string Start = "start";
    public const string ModelUpdate = "model-update";

    public static readonly IReadOnlyList<string> All = [Kill, Start, ModelUpdate];
}
