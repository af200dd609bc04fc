namespace HybridInference.Contracts.Security;

/// <summary>
/// The scopes a token carries (the <c>scope</c> claim, space-separated, or one <c>scp</c>/<c>scope</c> claim each), one
/// per kind of access. Every endpoint that is not public names one of these as its authorization policy.
/// </summary>
public static class Scopes
{
    /// <summary>Read models, versions, aliases, audit and artifacts (nodes download with it).</summary>
    public const string ModelsRead = "models:read";

    /// <summary>Register versions and move or remove aliases.</summary>
    public const string ModelsWrite = "models:write";

    /// <summary>Read devices, their telemetry and the fleet audit.</summary>
    public const string FleetRead = "fleet:read";

    /// <summary>Set desired states of devices, groups and sites.</summary>
    public const string FleetWrite = "fleet:write";

    /// <summary>Hold a device's fleet stream (register, report, receive desired states): device credentials only.</summary>
    public const string FleetConnect = "fleet:connect";

    /// <summary>
    /// Enrol a device (<c>POST /api/fleet/enrolments</c>) and get its credential: held only by a caller that presented a
    /// registry bootstrap secret, never by a user's or a service's token.
    /// </summary>
    public const string FleetEnrol = "fleet:enrol";

    /// <summary>Read rollouts and their pages.</summary>
    public const string RolloutsRead = "rollouts:read";

    /// <summary>Start, pause, resume, promote and abort rollouts.</summary>
    public const string RolloutsWrite = "rollouts:write";

    /// <summary>Change the router's routing (cloud weights).</summary>
    public const string RoutingWrite = "routing:write";

    /// <summary>Read faults and experiments.</summary>
    public const string ChaosRead = "chaos:read";

    /// <summary>Inject and end faults, run experiments, set a device's simulated fault.</summary>
    public const string ChaosWrite = "chaos:write";

    /// <summary>Read the prediction log.</summary>
    public const string PredictionsRead = "predictions:read";

    /// <summary>Admin reads: the router's edges, instances and routing, a device's health, health-check details, the model repository index.</summary>
    public const string AdminRead = "admin:read";

    /// <summary>Send ground-truth labels that count toward rollout analysis.</summary>
    public const string LabelsWrite = "labels:write";

    /// <summary>Call inference where the deployment requires a token for it.</summary>
    public const string Inference = "inference";

    /// <summary>Every scope: what the development operator token carries.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ModelsRead, ModelsWrite, FleetRead, FleetWrite, RolloutsRead, RolloutsWrite, RoutingWrite,
        ChaosRead, ChaosWrite, PredictionsRead, AdminRead, LabelsWrite, Inference,
    ];

    /// <summary>
    /// The scopes only devices hold (a device credential, a bootstrap secret), so no operator token carries them: an
    /// operator cannot open a device's stream, and a user's token cannot mint device credentials.
    /// </summary>
    public static IReadOnlyList<string> DeviceOnly { get; } = [FleetConnect, FleetEnrol];
}
