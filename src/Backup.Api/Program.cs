using Backup.Api.Configuration;
using Backup.Api.Contracts;
using Backup.Api.Observability;
using Backup.Api.Operations;
using Backup.Api.Routing;
using Backup.Api.Security;
using Backup.Application;
using Backup.Application.Behaviours;
using Backup.Infrastructure.Elastic;
using Backup.Infrastructure.OpenSearch;
using Backup.Infrastructure.SnapshotApi;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

// appsettings.json is read from the service's own folder whatever the current directory: started from elsewhere,
// the defaults it carries (quiet framework logging among them) silently went missing.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
RequestLogging.KeepRequestTextOut(builder.Logging);
builder.Configuration.AddLegacyKeys();

var check = StartupCheck.Read(builder.Configuration);
if (check.Problems.Count > 0)
{
    await Console.Error.WriteLineAsync($"Backup cannot start: {string.Join("; ", check.Problems)}.");
    return 1;
}

builder.WebHost.ConfigureKestrel(kestrel =>
{
    if (check.Address is { } address)
    {
        kestrel.Listen(address, check.Port);
    }
    else
    {
        kestrel.ListenAnyIP(check.Port);
    }
});

builder.Services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section);
builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
builder.Services.AddBackupApplication();
builder.Services.AddScheduleAndHealth();
builder.Services.AddPlatform();
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors = [typeof(ValidationBehaviour<,>), typeof(DeadlineBehaviour<,>)];
});
if (check.Database.Type == DatabaseType.OpenSearch)
{
    builder.Services.AddOpenSearchSnapshots();
}
else
{
    builder.Services.AddElasticsearchSnapshots();
}

builder.Services
    .AddControllers()
    .AddJsonOptions(json =>
    {
        json.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        json.JsonSerializerOptions.Encoder = BackupListResult.Encoder;
    });

builder.Services.AddObservability();
builder.Services.AddListingLimits();

// Requests are validated once, by the use cases' validators; MVC's own 400s would bypass the problem format.
builder.Services.Configure<ApiBehaviorOptions>(api => api.SuppressModelStateInvalidFilter = true);

var app = builder.Build();

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
app.UseExceptionHandler(handler => handler.Run(context =>
{
    var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
    return Problems.WriteAsync(context, StatusCodes.Status500InternalServerError,
        $"Unexpected error ({exception?.GetType().Name}): see the service log at {DateTimeOffset.UtcNow:O}.");
}));
app.UseStatusCodePages(pages => Problems.WriteAsync(pages.HttpContext, pages.HttpContext.Response.StatusCode,
    pages.HttpContext.Response.StatusCode == StatusCodes.Status405MethodNotAllowed
        ? $"Method {pages.HttpContext.Request.Method} is not allowed on {pages.HttpContext.Request.Path}."
        : $"No endpoint at {pages.HttpContext.Request.Method} {pages.HttpContext.Request.Path}. The API is under /actuator/backups."));
app.UseSlashTolerance();
app.UseRouting();
app.UseMiddleware<BrowserHostCheck>();
if (check.Auth.IsEnabled)
{
    app.UseMiddleware<ManagementAuth>(check.Auth);
}

app.UseRateLimiter();
app.MapControllers();
app.MapHealth();
app.MapObservability();

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
