using Lucy.Portal.Core.Extensions;
using Lucy.Portal.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddLucyCore();
builder.AddLucyPortal();
builder.AddLucyCircuitLimits();

var app = builder.Build();

app.UseLucyPortal();
app.MapLucyPortal();
app.AnnounceLucyPortal();

await app.RunAsync();

/// <summary>Entry point; public so integration tests can host the portal.</summary>
public partial class Program;
