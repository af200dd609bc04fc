using HybridInference.Router.Edges;

namespace HybridInference.Router.Inference;

/// <summary>
/// The edge nodes one request has been sent to, shared by the hedged attempts that run side by side, so no
/// two attempts go to the same node and the 503 can list every failure.
/// </summary>
internal sealed class EdgeAttempts(EdgeNode first, Func<IReadOnlyCollection<string>, EdgeNode?> pick)
{
    private readonly Lock _gate = new();
    private readonly List<string> _tried = [first.Name];
    private readonly List<string> _failures = [];

    public EdgeNode First { get; } = first;

    /// <summary>Another node not tried yet, or null.</summary>
    public EdgeNode? Next()
    {
        lock (_gate)
        {
            var node = pick(_tried.ToArray());
            if (node is not null)
            {
                _tried.Add(node.Name);
            }

            return node;
        }
    }

    public void Failed(EdgeNode node, string reason)
    {
        lock (_gate)
        {
            _failures.Add($"{node.Name}: {reason}");
        }
    }

    public string Failures
    {
        get
        {
            lock (_gate)
            {
                return _failures.Count == 0 ? "no edge node is available" : string.Join("; ", _failures);
            }
        }
    }
}
