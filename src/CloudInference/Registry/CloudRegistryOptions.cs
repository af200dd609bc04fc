using System.ComponentModel.DataAnnotations;
using HybridInference.Contracts.Registry;

namespace HybridInference.CloudInference.Registry;

/// <summary>How the cloud server follows the registry's aliases of its models (section <c>CloudRegistry</c>).</summary>
public sealed class CloudRegistryOptions
{
    public const string SectionName = "CloudRegistry";

    /// <summary>The section of the keys the server trusts to sign the versions it loads (<see cref="HybridInference.Inference.Signing.ModelTrustOptions"/>).</summary>
    public const string SigningSectionName = SectionName + ":Signing";

    /// <summary>
    /// The registry's HTTP address. <value>Defaults to <c>services:registry:http:0</c>, which the AppHost's
    /// <c>WithReference(registry)</c> sets; unset, the server serves its repository only.</value>
    /// </summary>
    public string? RegistryAddress { get; set; }

    /// <summary>The models whose aliases are followed. <value>Defaults to none; the committed settings name <c>fashion-cloud</c>.</value></summary>
    public List<string> Models { get; set; } = [];

    /// <summary>
    /// The aliases whose versions are served side by side (a cloud canary needs both). <value>Defaults to
    /// <c>champion</c> and <c>challenger</c>.</value>
    /// </summary>
    public List<string> Aliases { get; set; } = [.. ModelAliases.All];

    /// <summary>The alias whose version answers unversioned requests. <value>Defaults to <c>champion</c>.</value></summary>
    [Required(ErrorMessage = "CloudRegistry:DefaultAlias is required: the alias whose version answers unversioned requests.")]
    public string DefaultAlias { get; set; } = ModelAliases.Champion;

    /// <summary>Seconds between two reads of the aliases. <value>Defaults to 5.</value></summary>
    [Range(0.1, 3600, ErrorMessage = "CloudRegistry:PollSeconds must be between 0.1 and 3600.")]
    public double PollSeconds { get; set; } = 5;

    /// <summary>Where downloaded versions are kept (Triton layout). <value>Defaults to <c>.data/cloud-models</c> under the content root.</value></summary>
    [Required(ErrorMessage = "CloudRegistry:CacheDirectory is required: where the cloud server keeps downloaded models.")]
    public string CacheDirectory { get; set; } = ".data/cloud-models";

    public bool FollowsRegistry => !string.IsNullOrWhiteSpace(RegistryAddress) && Models.Count > 0;
}
