using HybridInference.Contracts.Fleet.Grpc;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>Between the node's own records and the messages of <c>fleet.proto</c>.</summary>
internal static class FleetMessages
{
    public static ModelInUse ToMessage(this RunningModelRef model) =>
        new() { Name = model.Name, Version = (int)model.Version, Digest = model.Digest };

    public static RunningModelRef ToRunningModel(this DesiredState desired) =>
        new(desired.ModelName, desired.ModelVersion, desired.Digest);
}
