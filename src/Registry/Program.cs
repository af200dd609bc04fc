using HybridInference.Contracts.Security;
using HybridInference.Registry.Apis;
using HybridInference.Registry.Extensions;
using HybridInference.Registry.Fleet;
using HybridInference.Registry.Pages;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStore();
builder.AddFaults();
builder.AddModelRegistry();
builder.AddFleetManager();
builder.AddRollouts();

var app = builder.Build();

app.UseFaults();
app.UseExceptionHandler();
app.UseServiceLimits();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapModelsApi();
app.MapArtifactsApi();
app.MapFleetApi();
app.MapEnrolmentApi();
app.MapRolloutsApi();
app.MapRolloutPages();
app.MapGrpcService<FleetGrpcService>().RequireAuthorization(Scopes.FleetConnect);

app.Run();
