using System.Text.RegularExpressions;
using HybridInference.Contracts.Chaos;

namespace HybridInference.Faults.Model;

/// <summary>
/// Turns a <see cref="FaultRequest"/> into a <see cref="Fault"/>, or into every error at once, keyed by the
/// field, each message naming the field and the value it got.
/// </summary>
public static partial class FaultValidator
{
    private static readonly string[] Exceptions = ["connection-failed", "timeout"];
    private static readonly string[] Modes = ["fail-fast", "hang"];

    public static bool TryCreate(FaultRequest request, DateTimeOffset now, Func<string> newId, out Fault? fault, out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, List<string>>();
        void Error(string field, string message)
        {
            if (!found.TryGetValue(field, out var list))
            {
                found[field] = list = [];
            }

            list.Add(message);
        }

        if (request.Id is not null && !IdPattern().IsMatch(request.Id))
        {
            Error("id", $"id must be 1-63 lower-case letters, digits or '-', starting with a letter or digit (was '{request.Id}')");
        }

        FaultKind kind = default;
        if (request.Kind is null)
        {
            Error("kind", $"kind is required: one of {string.Join(", ", FaultKinds.All)}");
        }
        else if (!FaultKinds.TryParse(request.Kind, out kind))
        {
            Error("kind", $"kind '{request.Kind}' is unknown: one of {string.Join(", ", FaultKinds.All)}");
        }

        var known = request.Kind is not null && FaultKinds.TryParse(request.Kind, out _);
        if (string.IsNullOrEmpty(request.Service))
        {
            Error("service", "service is required: the resource name the fault acts in, e.g. router, edge-1");
        }
        else if (!NamePattern().IsMatch(request.Service))
        {
            Error("service", $"service must be a resource name of lower-case letters, digits, '.', '_' or '-' (was '{request.Service}')");
        }

        string? destination = null;
        string? endpoint = null;
        if (known)
        {
            CheckTarget(kind, request, Error, out destination, out endpoint);
            CheckParameters(kind, request, Error);
        }

        var rate = request.Rate ?? 1;
        if (request.Rate is { } r && (!double.IsFinite(r) || r < 0 || r > 1))
        {
            Error("rate", $"rate must be in [0,1] (was {r})");
        }

        var startsAt = request.StartsAt ?? now;
        if (request.StartsAt is { } start && (start < now - FaultLimits.StartSkew || start > now + FaultLimits.MaxDuration))
        {
            Error("startsAt", $"startsAt must be between one minute ago and one hour ahead (was {start:O}, now {now:O})");
        }

        DateTimeOffset expiresAt = default;
        if (request.DurationSeconds is null == request.ExpiresAt is null)
        {
            Error(request.DurationSeconds is null ? "durationSeconds" : "expiresAt",
                "give exactly one of durationSeconds or expiresAt: every fault must end by itself");
        }
        else if (request.DurationSeconds is { } seconds)
        {
            if (!double.IsFinite(seconds) || seconds < FaultLimits.MinDuration.TotalSeconds || seconds > FaultLimits.MaxDuration.TotalSeconds)
            {
                Error("durationSeconds", $"durationSeconds must be between {FaultLimits.MinDuration.TotalSeconds} and {FaultLimits.MaxDuration.TotalSeconds} (was {seconds})");
            }
            else
            {
                expiresAt = startsAt + TimeSpan.FromSeconds(seconds);
            }
        }
        else if (request.ExpiresAt is { } end)
        {
            expiresAt = end;
            if (end - startsAt < FaultLimits.MinDuration || end - now > FaultLimits.MaxDuration)
            {
                Error("expiresAt", $"expiresAt must be at least 1 s after the start and at most one hour from now (was {end:O}, start {startsAt:O}, now {now:O})");
            }
        }

        errors = found.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
        if (errors.Count > 0)
        {
            fault = null;
            return false;
        }

        fault = new Fault
        {
            Id = request.Id ?? newId(),
            Kind = kind,
            Service = request.Service!,
            Destination = destination,
            Endpoint = endpoint,
            LatencyMs = kind.HasLatency() ? request.LatencyMs : null,
            JitterMs = kind.HasLatency() ? request.JitterMs ?? 0 : null,
            StatusCode = request.StatusCode,
            Exception = request.Exception switch
            {
                "connection-failed" => LinkException.ConnectionFailed,
                "timeout" => LinkException.Timeout,
                _ => null,
            },
            Rate = rate,
            Mode = kind == FaultKind.LinkPartition ? request.Mode == "hang" ? PartitionMode.Hang : PartitionMode.FailFast : null,
            Device = request.Device,
            Noise = request.Noise,
            CreatedAt = now,
            StartsAt = startsAt,
            ExpiresAt = expiresAt,
        };
        return true;
    }

    private static void CheckTarget(FaultKind kind, FaultRequest request, Action<string, string> error, out string? destination, out string? endpoint)
    {
        destination = null;
        endpoint = null;
        if (kind.IsLink())
        {
            if (string.IsNullOrEmpty(request.Destination))
            {
                error("destination", $"destination is required for {kind.ToName()}: the service called (e.g. cloud-inference, registry, edge-2) or '*'");
            }
            else if (request.Destination != "*" && !NamePattern().IsMatch(request.Destination))
            {
                error("destination", $"destination must be a service name or '*' (was '{request.Destination}')");
            }

            destination = request.Destination;
        }
        else if (request.Destination is not null)
        {
            error("destination", $"destination applies only to link kinds, not {kind.ToName()}");
        }

        if (kind.IsEndpoint())
        {
            endpoint = request.Endpoint ?? "/";
            if (!endpoint.StartsWith('/') || endpoint.Any(char.IsWhiteSpace))
            {
                error("endpoint", $"endpoint must be a path prefix starting with '/' (was '{request.Endpoint}')");
            }
        }
        else if (request.Endpoint is not null)
        {
            error("endpoint", $"endpoint applies only to endpoint kinds, not {kind.ToName()}");
        }
    }

    private static void CheckParameters(FaultKind kind, FaultRequest request, Action<string, string> error)
    {
        var name = kind.ToName();
        if (kind.HasLatency())
        {
            if (request.LatencyMs is not { } latency)
            {
                error("latencyMs", $"latencyMs is required for {name}");
            }
            else if (latency < 1 || latency > FaultLimits.MaxLatencyMs)
            {
                error("latencyMs", $"latencyMs must be between 1 and {FaultLimits.MaxLatencyMs} (was {latency})");
            }

            if (request.JitterMs is { } jitter && (jitter < 0 || jitter > FaultLimits.MaxLatencyMs))
            {
                error("jitterMs", $"jitterMs must be between 0 and {FaultLimits.MaxLatencyMs} (was {jitter})");
            }
        }
        else
        {
            Forbid(request.LatencyMs, "latencyMs", name, error);
            Forbid(request.JitterMs, "jitterMs", name, error);
        }

        if (kind.HasError())
        {
            if (request.StatusCode is null == request.Exception is null)
            {
                error("statusCode", kind == FaultKind.LinkError
                    ? "give exactly one of statusCode or exception for link-error"
                    : "statusCode is required for endpoint-error");
            }

            if (request.StatusCode is { } status && (status < 400 || status > 599))
            {
                error("statusCode", $"statusCode must be an error status between 400 and 599 (was {status})");
            }

            if (request.Exception is { } exception && (kind != FaultKind.LinkError || !Exceptions.Contains(exception)))
            {
                error("exception", kind == FaultKind.LinkError
                    ? $"exception must be one of {string.Join(", ", Exceptions)} (was '{exception}')"
                    : "exception applies only to link-error; an endpoint answers with a statusCode");
            }
        }
        else
        {
            Forbid(request.StatusCode, "statusCode", name, error);
            Forbid(request.Exception, "exception", name, error);
        }

        if (kind == FaultKind.LinkPartition)
        {
            if (request.Mode is { } mode && !Modes.Contains(mode))
            {
                error("mode", $"mode must be one of {string.Join(", ", Modes)} (was '{mode}')");
            }
        }
        else
        {
            Forbid(request.Mode, "mode", name, error);
        }

        if (kind == FaultKind.Device)
        {
            CheckDevice(request.Device, error);
        }
        else
        {
            Forbid(request.Device, "device", name, error);
        }

        if (kind == FaultKind.ModelNoise)
        {
            if (request.Noise is not { } noise)
            {
                error("noise", "noise is required for model-noise: the standard deviation added to each input value, in (0,1]");
            }
            else if (!double.IsFinite(noise) || noise <= 0 || noise > 1)
            {
                error("noise", $"noise must be in (0,1] (was {noise})");
            }
        }
        else
        {
            Forbid(request.Noise, "noise", name, error);
        }
    }

    private static void CheckDevice(DeviceDegradation? device, Action<string, string> error)
    {
        if (device is null || device.IsEmpty)
        {
            error("device", "device is required for the device kind with at least one of temperatureRiseCelsius, throttle, memoryPressureMiB, extraUtilisation, stopReporting");
            return;
        }

        if (!double.IsFinite(device.TemperatureRiseCelsius) || device.TemperatureRiseCelsius < -100 || device.TemperatureRiseCelsius > 200)
        {
            error("device.temperatureRiseCelsius", $"device.temperatureRiseCelsius must be between -100 and 200 (was {device.TemperatureRiseCelsius})");
        }

        if (!double.IsFinite(device.MemoryPressureMiB) || device.MemoryPressureMiB < 0 || device.MemoryPressureMiB > 1_048_576)
        {
            error("device.memoryPressureMiB", $"device.memoryPressureMiB must be between 0 and 1048576 (was {device.MemoryPressureMiB})");
        }

        if (!double.IsFinite(device.ExtraUtilisation) || device.ExtraUtilisation < 0 || device.ExtraUtilisation > 1)
        {
            error("device.extraUtilisation", $"device.extraUtilisation must be in [0,1] (was {device.ExtraUtilisation})");
        }
    }

    private static void Forbid(object? value, string field, string kind, Action<string, string> error)
    {
        if (value is not null)
        {
            error(field, $"{field} does not apply to {kind}");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex NamePattern();
}
