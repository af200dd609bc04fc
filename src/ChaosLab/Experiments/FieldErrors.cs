namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// The mistakes of one section or entry of an experiment file, each reported under its path (<c>{at}.{field}</c>,
/// e.g. <c>traffic.concurrency</c>, <c>actions[0].resource</c>); <see cref="Ok"/> while there is none.
/// </summary>
internal sealed class FieldErrors(string at, Action<string, string> error)
{
    public bool Ok { get; private set; } = true;

    public void Fail(string field, string message)
    {
        Ok = false;
        error($"{at}.{field}", message);
    }
}
