var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStore();
builder.AddFaults();
builder.AddCloudInference();

var app = builder.Build();

app.UseFaults();
app.UseServiceLimits();
app.MapDefaultEndpoints();
app.MapInference();

app.Run();
