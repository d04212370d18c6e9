// Compiled by CSharpClientTests together with the client NSwag generates from the service's document (namespace
// Backup.Client): every step of the API, each error decoded as the documented ProblemResponse. The README's example.
using System.Net.Http.Headers;
using System.Text;
using Backup.Client;

public static class BackupStory
{
    public static async Task<List<string>> TellAsync(string baseUrl, long id, string key, string readerKey, string user, string password)
    {
        var printed = new List<string>();
        var backups = Client(baseUrl, new AuthenticationHeaderValue("ApiKey", key));

        var created = await backups.CreateBackupAsync(new CreateBackupRequest { BackupId = id });
        printed.Add($"created {created.ScheduledSnapshots.Count} parts");

        var backup = await backups.GetBackupAsync(id);
        while (backup.State == BackupStateResponseState.IN_PROGRESS)
        {
            await Task.Delay(100);
            backup = await backups.GetBackupAsync(id);
        }

        printed.Add($"state {backup.State}");

        var listed = (await backups.ListBackupsAsync(verbose: true, pattern: $"{id}*")).Single();
        var started = listed.Details.All(d => d.StartTime is not null) ? "start times given" : "start times missing";
        printed.Add($"listed {listed.BackupId} {listed.State} with {listed.Details.Count} parts, {started}");

        var namesOnly = (await backups.ListBackupsAsync(verbose: false, pattern: $"{id}")).Single();
        var times = namesOnly.Details.All(d => d.StartTime is null) ? "no start times" : "start times";
        printed.Add($"names-only {namesOnly.BackupId} {namesOnly.State}, {times}");

        printed.Add(await ProblemAsync("again", () => backups.CreateBackupAsync(new CreateBackupRequest { BackupId = id })));
        printed.Add(await ProblemAsync("bad pattern", () => backups.ListBackupsAsync(verbose: null, pattern: "1*2")));
        printed.Add(await ProblemAsync("unknown", () => backups.GetBackupAsync(id + 1)));
        var reader = Client(baseUrl, new AuthenticationHeaderValue("ApiKey", readerKey));
        printed.Add(await ProblemAsync("reader creates", () => reader.CreateBackupAsync(new CreateBackupRequest { BackupId = id + 1 })));
        printed.Add(await ProblemAsync("no credentials", () => Client(baseUrl, null).GetBackupAsync(id)));

        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        await Client(baseUrl, basic).DeleteBackupAsync(id);
        printed.Add("deleted by basic user");
        printed.Add(await ProblemAsync("after delete", () => backups.GetBackupAsync(id)));
        return printed;
    }

    public static async Task<List<string>> ListAsync(string baseUrl, string key) =>
        [await ProblemAsync("list", () => Client(baseUrl, new AuthenticationHeaderValue("ApiKey", key)).ListBackupsAsync(verbose: null, pattern: null))];

    private static BackupClient Client(string baseUrl, AuthenticationHeaderValue? credentials)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = credentials;
        return new BackupClient(http) { BaseUrl = baseUrl };
    }

    private static async Task<string> ProblemAsync(string step, Func<Task> call)
    {
        try
        {
            await call();
            return $"{step}: no error";
        }
        catch (ApiException<ProblemResponse> problem)
        {
            return $"{step}: {problem.StatusCode} {problem.Result.Message}";
        }
    }
}
