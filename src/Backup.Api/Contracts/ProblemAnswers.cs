using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace Backup.Api.Contracts;

/// <summary>Problems written outside MVC: unexpected exceptions, unknown routes and wrong methods.</summary>
public static partial class ProblemAnswers
{
    public static WebApplication UseProblemAnswers(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProblemAnswers).FullName!);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                // The trace id ties the answer to the one log entry that holds the exception; no internals go out.
                var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
                LogUnexpected(logger, exception, traceId);
                return Problems.WriteAsync(context, StatusCodes.Status500InternalServerError,
                    $"Unexpected error ({exception?.GetType().Name}): see the service log for trace id {traceId}.");
            },

            // The entry above is the one: the middleware's own, without the trace id, would log the exception again.
            SuppressDiagnosticsCallback = _ => true,
        });
        app.UseStatusCodePages(pages => Problems.WriteAsync(pages.HttpContext, pages.HttpContext.Response.StatusCode,
            pages.HttpContext.Response.StatusCode == StatusCodes.Status405MethodNotAllowed
                ? $"Method {pages.HttpContext.Request.Method} is not allowed on {pages.HttpContext.Request.Path}."
                : $"No endpoint at {pages.HttpContext.Request.Method} {pages.HttpContext.Request.Path}. The API is under /actuator/backups."));
        return app;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error answered 500, trace id {TraceId}")]
    private static partial void LogUnexpected(ILogger logger, Exception? exception, string traceId);
}
