namespace HybridInference.Inference.Models;

/// <summary>A served model version's lifecycle, spelt as Triton's repository index spells it.</summary>
public enum ModelState
{
    /// <summary>Being loaded and warmed up; not ready.</summary>
    Loading,

    /// <summary>Loaded and warmed up with a real inference; serving.</summary>
    Ready,

    /// <summary>Failed to load; the reason says why.</summary>
    Unavailable,
}
