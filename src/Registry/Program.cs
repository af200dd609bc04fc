using HybridInference.Registry.Apis;
using HybridInference.Registry.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStore();
builder.AddModelRegistry();

var app = builder.Build();

app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapModelsApi();
app.MapArtifactsApi();

app.Run();
