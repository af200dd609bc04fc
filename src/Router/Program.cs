using HybridInference.Router.Apis;
using HybridInference.Router.Routing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStore();
builder.AddRoutingDecisions();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAdminApi();
app.MapRoutingAdminApi();

app.Run();
