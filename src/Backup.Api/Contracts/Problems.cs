using Backup.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Backup.Api.Contracts;

/// <summary>The one place where an expected outcome becomes an HTTP status code.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <summary>What an error is answered as when the request accepts only JSON (see <see cref="ContentTypeFor"/>).</summary>
    public const string JsonContentType = "application/json";

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.EngineUnreachable => StatusCodes.Status502BadGateway,
        ErrorKind.EngineFailure => StatusCodes.Status500InternalServerError,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static ObjectResult ToActionResult(Error error, HttpContext context) =>
        new(Create(StatusOf(error.Kind), error.Message, context))
        {
            StatusCode = StatusOf(error.Kind),
            ContentTypes = { ContentTypeFor(context.Request) },
        };

    /// <summary>
    /// <c>application/problem+json</c>, unless the request's Accept names <c>application/json</c> and not it: a client
    /// generated from a JSON-only API description then gets the same body as <c>application/json</c>.
    /// </summary>
    public static string ContentTypeFor(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().Accept;
        return accepted.Any(a => a.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase))
            || !accepted.Any(a => a.MediaType.Equals(JsonContentType, StringComparison.OrdinalIgnoreCase))
            ? ContentType
            : JsonContentType;
    }

    public static ProblemResponse Create(int status, string message, HttpContext context) => new(
        "about:blank",
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
        status,
        message,
        context.Request.Path,
        message);

    /// <summary>Writes a problem outside MVC: unknown routes, wrong methods, unexpected exceptions.</summary>
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            Create(status, message, context), ApiJsonContext.Default.ProblemResponse, ContentTypeFor(context.Request), context.RequestAborted);
    }
}
