using HybridInference.Contracts.Oip;
using HybridInference.Contracts.Registry;
using HybridInference.Inference.Batching;
using HybridInference.Inference.Repository;
using HybridInference.Inference.Runtime;
using HybridInference.Inference.Serving;

namespace HybridInference.Inference.Models;

/// <summary>One model version this process serves, from the moment it is known until it is unloaded.</summary>
public sealed class ServedModel
{
    /// <summary>Triton's platform name for ONNX models served by ONNX Runtime.</summary>
    public const string Platform = "onnxruntime_onnx";

    private volatile Loaded? _loaded;
    private volatile string _reason = "loading";
    private volatile ModelState _state = ModelState.Loading;
    private readonly Lock _leaseLock = new();
    private int _leases;
    private bool _retired;

    internal ServedModel(ModelLocation location, ModelServingOptions options)
    {
        Location = location;
        Options = options;
        Version = location.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public string Name => Location.Name;

    public string Version { get; }

    public ModelLocation Location { get; }

    public ModelServingOptions Options { get; }

    public ModelState State => _state;

    /// <summary>Why the model is in its state (empty when ready).</summary>
    public string Reason => _reason;

    public bool IsReady => _state == ModelState.Ready;

    /// <summary>The loaded model; only valid when <see cref="IsReady"/>.</summary>
    public OnnxModel Model => _loaded?.Model ?? throw NotReady();

    public IModelExecutor Executor => _loaded?.Executor ?? throw NotReady();

    /// <summary>The card beside the model file, if it could be read.</summary>
    public ModelCard? Card => _loaded?.Card;

    public TensorMetadata Input => Model.Input;

    public TensorMetadata Output => Model.Output;

    /// <summary>Every served version of this model, highest first (the metadata's <c>versions</c>).</summary>
    public IReadOnlyList<string> Versions { get; internal set; } = [];

    /// <summary>The protocol's model metadata; only valid when <see cref="IsReady"/>.</summary>
    public ModelMetadataResponse Metadata => _loaded?.Metadata ?? throw NotReady();

    internal void MarkReady(OnnxModel model, IModelExecutor executor, ModelCard? card)
    {
        var metadata = new ModelMetadataResponse(Name, Versions, Platform, [model.Input], [model.Output, .. OutputNames.Extra()]);
        _loaded = new Loaded(model, executor, card, metadata);
        _reason = "";
        _state = ModelState.Ready;
    }

    internal void MarkUnavailable(string reason)
    {
        _reason = reason;
        _state = ModelState.Unavailable;
    }

    internal Loaded? TakeLoaded()
    {
        var loaded = _loaded;
        _loaded = null;
        if (_state == ModelState.Ready)
        {
            _state = ModelState.Unavailable;
            _reason = "unloaded";
        }

        return loaded;
    }

    /// <summary>
    /// Holds the version for one request, so a swap cannot dispose its session mid-run. False once the
    /// version is retired: the caller resolves again and finds its replacement.
    /// </summary>
    internal bool TryAcquire()
    {
        lock (_leaseLock)
        {
            if (_retired)
            {
                return false;
            }

            _leases++;
            return true;
        }
    }

    internal void Release()
    {
        lock (_leaseLock)
        {
            if (--_leases > 0 || !_retired)
            {
                return;
            }
        }

        _ = DisposeLoadedAsync();
    }

    /// <summary>Takes the version out of service: its session is disposed when the last request holding it ends.</summary>
    internal void Retire()
    {
        lock (_leaseLock)
        {
            _retired = true;
            if (_leases > 0)
            {
                return;
            }
        }

        _ = DisposeLoadedAsync();
    }

    private async Task DisposeLoadedAsync()
    {
        if (TakeLoaded() is { } loaded)
        {
            await loaded.Executor.DisposeAsync().ConfigureAwait(false);
            loaded.Model.Dispose();
        }
    }

    private OipException NotReady() =>
        new(OipStatus.ServiceUnavailable, $"model '{Name}' version {Version} is not ready ({_state.ToString().ToUpperInvariant()}: {_reason})");

    internal sealed record Loaded(OnnxModel Model, IModelExecutor Executor, ModelCard? Card, ModelMetadataResponse Metadata);
}
