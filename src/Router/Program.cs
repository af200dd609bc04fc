using HybridInference.Router.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStore();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAdminApi();

app.Run();
