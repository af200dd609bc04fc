var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStore();
builder.AddCloudInference();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapInference();

app.Run();
