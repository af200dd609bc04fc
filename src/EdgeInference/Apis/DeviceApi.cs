using HybridInference.Contracts.Security;
using System.ComponentModel.DataAnnotations;
using HybridInference.Contracts.Oip;
using HybridInference.EdgeInference.Device;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The simulated device: its health, and the fault hook ChaosLab drives.</summary>
public static class DeviceApi
{
    public static IEndpointRouteBuilder MapDeviceApi(this IEndpointRouteBuilder app)
    {
        var device = app.MapGroup("/device").WithTags("Device").WithAdminLimits();
        device.MapGet("/", GetHealth).RequireAuthorization(Scopes.AdminRead);
        device.MapPut("/fault", SetFault).RequireAuthorization(Scopes.ChaosWrite);
        device.MapDelete("/fault", ClearFault).RequireAuthorization(Scopes.ChaosWrite);
        return app;
    }

    public static Ok<DeviceHealth> GetHealth(DeviceSimulator device) => TypedResults.Ok(device.Snapshot());

    public static Results<Ok<DeviceHealth>, BadRequest<ErrorResponse>> SetFault(DeviceFault? fault, DeviceSimulator device)
    {
        if (fault is null)
        {
            return TypedResults.BadRequest(new ErrorResponse("expected a fault {\"extraCelsius\", \"forceThrottle\", \"extraUtilisation\", \"leakedMemoryMiB\"}"));
        }

        List<ValidationResult> errors = [];
        if (!Validator.TryValidateObject(fault, new ValidationContext(fault), errors, validateAllProperties: true))
        {
            return TypedResults.BadRequest(new ErrorResponse(string.Join("; ", errors.Select(e => e.ErrorMessage))));
        }

        device.SetFault(fault);
        return TypedResults.Ok(device.Snapshot());
    }

    public static Ok<DeviceHealth> ClearFault(DeviceSimulator device)
    {
        device.SetFault(DeviceFault.None);
        return TypedResults.Ok(device.Snapshot());
    }
}
