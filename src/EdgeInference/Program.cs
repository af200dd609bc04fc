var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStore();
builder.AddEdgeInference();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapInference();
app.MapDeviceApi();

app.Run();
