using Backup.Api;
using Backup.Api.Configuration;
using Backup.Api.Contracts;
using Backup.Api.Observability;
using Backup.Api.Operations;
using Backup.Api.Routing;
using Backup.Api.Security;
using Backup.Api.WebConsole;
using Backup.Infrastructure.SnapshotApi;

// appsettings.json is read from the service's own folder whatever the current directory: started from elsewhere,
// the defaults it carries (quiet framework logging among them) silently went missing.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
RequestLogging.KeepRequestTextOut(builder.Logging);
builder.Configuration.AddLegacyKeys();

builder.WebHost.ConfigureKestrel((context, kestrel) =>
{
    var (address, port) = StartupCheck.EndpointOf(context.Configuration);
    if (address is not null)
    {
        kestrel.Listen(address, port);
    }
    else
    {
        kestrel.ListenAnyIP(port);
    }
});

builder.Services.AddBackupService(StartupCheck.EngineTypeOf(builder.Configuration));

var app = builder.Build();

// Before anything starts: the options as the container binds them (once), and the settings no options class holds.
var check = StartupCheck.Read(app.Configuration, app.Services);
if (check.Problems.Count > 0)
{
    await Console.Error.WriteLineAsync($"Backup cannot start: {string.Join("; ", check.Problems)}.");
    return 1;
}

if (check.Backup.RepositoryNotConfigured is not null)
{
    app.Logger.LogWarning("Backup:RepositoryName is not set: every backup call will fail until it is");
}

if (!check.Auth.IsEnabled)
{
    app.Logger.LogWarning(
        "The management API on port {Port} requires no credentials: whoever can reach the port, on this machine or another, can create and delete backups. Set Management:Auth (API keys or users)",
        check.Port);
}

app.UseMiddleware<SecurityHeaders>();
app.UseProblemAnswers();
app.UseSlashTolerance();
app.UseRouting();
app.UseMiddleware<BrowserHostCheck>();
app.UseMiddleware<CrossSiteWrites>();
if (check.Auth.IsEnabled)
{
    app.UseMiddleware<ManagementAuth>(check.Auth);
}

app.UseRateLimiter();
app.MapControllers();
app.MapHealth();
app.MapObservability();
app.MapWebConsole();

var compatibility = app.Services.GetRequiredService<EngineCompatibility>();
try
{
    await app.RunAsync();
    return 0;
}
catch (OperationCanceledException) when (compatibility.Problem is not null)
{
    // The start-up check stopped the service and logged why.
    return 1;
}

/// <summary>The service's entry point, visible to the end-to-end tests' host.</summary>
public partial class Program;
