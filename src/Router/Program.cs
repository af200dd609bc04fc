using HybridInference.Contracts.Security;
using HybridInference.PredictionLog;
using HybridInference.Router.Apis;
using HybridInference.Router.CloudVersions;
using HybridInference.Router.Inference;
using HybridInference.Router.Routing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStore();
builder.AddFaults();
builder.AddRoutingDecisions();
builder.AddHybridRouting();
builder.AddAdminApis();

var app = builder.Build();

app.UseFaults();
app.UseServiceLimits();
app.MapDefaultEndpoints();
app.MapAdminApi();
app.MapEdgesAdminApi();
app.MapRoutingAdminApi();
app.MapCloudWeightsApi();
app.MapPredictionLogApi();
app.MapRouterOipApi();
app.MapGrpcService<RouterGrpcService>().RequireAuthorization(Scopes.Inference);
app.MapReverseProxy();

app.Run();
