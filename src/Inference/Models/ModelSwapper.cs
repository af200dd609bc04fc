using System.Globalization;
using HybridInference.Inference.Repository;
using HybridInference.Inference.Serving;
using Microsoft.Extensions.Options;

namespace HybridInference.Inference.Models;

/// <summary>
/// Replaces the served version of a model at run time (an edge node following its desired state): the new
/// version is loaded and warmed up beside the old one, and only then swapped in, so no request fails or waits.
/// </summary>
public sealed class ModelSwapper
{
    private readonly ModelCatalog _catalog;
    private readonly ModelLoader _loader;
    private readonly IOptions<ServingOptions> _serving;

    internal ModelSwapper(ModelCatalog catalog, ModelLoader loader, IOptions<ServingOptions> serving)
    {
        _catalog = catalog;
        _loader = loader;
        _serving = serving;
    }

    /// <summary>Loads, warms and swaps in the version at <paramref name="location"/>.</summary>
    /// <exception cref="InvalidDataException">The version did not load or warm up; the catalog is unchanged.</exception>
    public ServedModel LoadAndSwap(ModelLocation location)
    {
        var served = LoadWarm(location);
        _catalog.Swap(served);
        return served;
    }

    /// <summary>
    /// Loads, warms and serves the version at <paramref name="location"/> beside the model's other versions (a
    /// cloud server holding champion and challenger side by side); a version with the same number is replaced.
    /// </summary>
    /// <exception cref="InvalidDataException">The version did not load or warm up; the catalog is unchanged.</exception>
    public ServedModel LoadAndAdd(ModelLocation location)
    {
        var served = LoadWarm(location);
        _catalog.Add(served);
        return served;
    }

    /// <summary>Stops serving one version (requests on it finish first). False when it was not served.</summary>
    public bool Remove(string name, long version) => _catalog.Remove(name, version.ToString(CultureInfo.InvariantCulture));

    private ServedModel LoadWarm(ModelLocation location)
    {
        var served = new ServedModel(location, _serving.Value.For(location.Name))
        {
            Versions = [location.Version.ToString(CultureInfo.InvariantCulture)],
        };
        _loader.Load(served);
        if (!served.IsReady)
        {
            throw new InvalidDataException($"model '{location.Name}' version {location.Version} from {location.OnnxPath} did not load: {served.Reason}");
        }

        return served;
    }
}
