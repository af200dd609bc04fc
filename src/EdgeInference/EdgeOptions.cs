using System.ComponentModel.DataAnnotations;

namespace HybridInference.EdgeInference;

/// <summary>Who this edge node is and which model it serves.</summary>
public sealed class EdgeOptions
{
    public const string SectionName = "Edge";

    /// <summary>Unique id of the device (the AppHost sets <c>Edge__DeviceId</c> to edge-1..N).</summary>
    [Required(ErrorMessage = "Edge:DeviceId is required: the unique id of this edge device (environment variable Edge__DeviceId).")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", ErrorMessage = "Edge:DeviceId must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit.")]
    public string DeviceId { get; set; } = "";

    /// <summary>The site the device stands at (the AppHost sets <c>Edge__Site</c>).</summary>
    [Required(ErrorMessage = "Edge:Site is required: the site this edge device stands at (environment variable Edge__Site).")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", ErrorMessage = "Edge:Site must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit (the registry targets sites by name).")]
    public string Site { get; set; } = "";

    /// <summary>Fleet group, sent at registration: the registry can give a desired state to a whole group. <value>Defaults to "default".</value></summary>
    [Required(ErrorMessage = "Edge:FleetGroup must not be empty.")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", ErrorMessage = "Edge:FleetGroup must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit (the registry targets groups by name).")]
    public string FleetGroup { get; set; } = "default";

    /// <summary>The model served from the repository. <value>Defaults to fashion-edge.</value></summary>
    [Required(ErrorMessage = "Edge:Model must name a model of the repository, e.g. fashion-edge.")]
    public string Model { get; set; } = "fashion-edge";

    /// <summary>The version served; the highest in the repository when unset.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Edge:ModelVersion must be a positive version number.")]
    public long? ModelVersion { get; set; }
}
