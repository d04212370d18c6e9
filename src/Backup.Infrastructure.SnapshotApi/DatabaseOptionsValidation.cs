using Microsoft.Extensions.Options;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary>The rules of the <c>Database</c> section, checked when the options are first read (and on start).</summary>
public sealed class DatabaseOptionsValidation : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Each problem names the setting and says what it should be.</summary>
    public static IEnumerable<string> Problems(DatabaseOptions database)
    {
        if (UrlCredentials.AreIn(database.Url))
        {
            yield return $"Database:Url '{UrlCredentials.Hide(database.Url)}' carries credentials, which would be shown wherever the URL is: put them in Database:Username and Database:Password (or Database:ApiKey)";
        }
        else if (!database.Url.IsAbsoluteUri || database.Url.Scheme is not ("http" or "https"))
        {
            yield return $"Database:Url must be an absolute http or https URL, not '{database.Url}'";
        }

        if (database.RequestTimeout <= TimeSpan.Zero)
        {
            yield return "Database:RequestTimeout must be positive (e.g. 00:00:05)";
        }
    }
}
