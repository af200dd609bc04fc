using System.Globalization;
using System.Text;
using HybridInference.Contracts.Fleet;

namespace HybridInference.Cli;

/// <summary>Devices as plain-text tables: the fleet list, one device, and a desired state just set.</summary>
public static class DeviceTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string FormatList(IReadOnlyList<DeviceView> devices) => TextTable.Format(
        devices,
        "no devices\n",
        string.Create(C, $"{"device",-16} {"site",-12} {"group",-12} {"state",-8} {"health",-10} {"running",-20} {"desired",-20} converged"),
        d => string.Create(C, $"{d.Id,-16} {d.Site,-12} {d.Group,-12} {d.State,-8} {d.Health,-10} {Model(d.Running),-20} {Model(d.Desired?.Model),-20} {(d.Converged ? "yes" : "no")}"));

    public static string Format(DeviceView device)
    {
        var text = new StringBuilder();
        text.AppendLine(C, $"device      {device.Id}");
        text.AppendLine(C, $"site        {device.Site}   group {device.Group}");
        text.AppendLine(C, $"hardware    {device.Hardware}   software {device.SoftwareVersion}");
        text.AppendLine(C, $"state       {device.State}   health {device.Health}   last seen {(device.LastSeen is { } seen ? seen.ToString("u", C) : "never")}");
        text.AppendLine(C, $"registered  {device.RegisteredAt:u}");
        text.AppendLine(C, $"running     {Model(device.Running)}");
        text.AppendLine(C, $"desired     {Desired(device.Desired)}");
        text.AppendLine(C, $"converged   {(device.Converged ? "yes" : "no")}");
        return text.ToString();
    }

    public static string FormatDesired(string target, DesiredState desired, IReadOnlyList<string> devices)
    {
        var text = new StringBuilder();
        text.AppendLine(C, $"desired     {target}: {Desired(desired)}");
        if (devices.Count > 0)
        {
            text.AppendLine(C, $"devices     {string.Join(", ", devices)}");
        }

        return text.ToString();
    }

    /// <summary>A device's credential status, as <c>hi fleet revoke</c> prints it.</summary>
    public static string FormatCredential(CredentialStatus status)
    {
        var text = new StringBuilder();
        text.AppendLine(C, $"device      {status.DeviceId}");
        text.AppendLine(C, $"credential  {status.State}{(status.RevokedAt is { } at ? $" at {at:u} by {status.RevokedBy}" : "")}");
        if (status.IssuedAt is { } issued)
        {
            text.AppendLine(C, $"enrolled    {issued:u} by {status.EnrolledBy} (site {status.Site})");
        }

        return text.ToString();
    }

    private static string Model(ModelRef? model) => model is null ? "-" : $"{model.Name} v{model.Version.ToString(C)}";

    private static string Desired(DesiredState? desired) => desired is null
        ? "-"
        : $"{Model(desired.Model)} (generation {desired.Generation.ToString(C)}, set {desired.SetAt:u} by {desired.SetBy}{(desired.Reason is { } why ? ": " + why : "")})";
}
