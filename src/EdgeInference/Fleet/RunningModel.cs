namespace HybridInference.EdgeInference.Fleet;

/// <summary>Which version this node serves now, for telemetry, reports and the next desired state.</summary>
public sealed class RunningModel
{
    private volatile RunningModelRef? _current;

    public RunningModelRef? Current => _current;

    public void Set(RunningModelRef model) => _current = model;
}
