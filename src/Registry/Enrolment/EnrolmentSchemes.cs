namespace HybridInference.Registry.Enrolment;

/// <summary>The registry's own authentication schemes, beside the shared ones (<c>AuthSchemes</c>).</summary>
public static class EnrolmentSchemes
{
    /// <summary><c>Authorization: Bootstrap &lt;secret&gt;</c>: a device enrolling; grants only <c>fleet:enrol</c>.</summary>
    public const string Bootstrap = "Bootstrap";

    /// <summary>JWT bearer tokens of the registry's own device issuer: device credentials.</summary>
    public const string DeviceCredential = "DeviceCredential";

    /// <summary>Claims of a bootstrap caller: the secret's name and the site it is restricted to (absent: any site).</summary>
    public const string BootstrapClaim = "bootstrap";

    public const string BootstrapSiteClaim = "bootstrap_site";

    /// <summary>The site a device credential was issued for.</summary>
    public const string SiteClaim = HybridInference.Registry.Fleet.DeviceIdentity.SiteClaim;
}
