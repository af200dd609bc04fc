var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStore();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
