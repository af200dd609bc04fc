using HybridInference.ChaosLab.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStore();
builder.AddChaosLab();

var app = builder.Build();

app.UseExceptionHandler();
app.UseServiceLimits();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapFaultsApi();
app.MapExperimentsApi();

app.Run();
