using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests.OpenApi;

/// <summary>
/// Clients generated from Camunda's own description of the backup API (Fixtures/camunda-backup-management-api.json):
/// every path, method and status it declares for the webapps' backups is served, on 8.8's <c>/actuator/backupHistory</c>
/// and on 8.7's <c>/actuator/backups</c> (which Camunda describes in no file, and whose answers have the same shape),
/// and every body fits its schema but for the differences README's table lists.
/// </summary>
[TestFixtureSource(nameof(Profiles))]
public sealed partial class CamundaDescriptionTests(Component component, string root)
{
    private static readonly JsonNode Description = OpenApiFiles.Fixture("camunda-backup-management-api.json");

    /// <summary>Camunda's description says 202; Operate and Tasklist answer 200, as this service does.</summary>
    private static readonly Dictionary<string, string> Served = new() { ["202"] = "200" };

    private EngineTarget _engine = null!;
    private BackupApi _api = null!;

    public static IEnumerable<TestFixtureData> Profiles =>
    [
        new(Component.Webapps, "actuator/backupHistory"),
        new(Component.Operate, "actuator/backups"),
    ];

    public static IEnumerable<TestCaseData> Declared =>
        from path in Description["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        from response in operation.Value!["responses"]!.AsObject()
        select new TestCaseData(operation.Key, path.Key, response.Key);

    [SetUp]
    public async Task StartAsync()
    {
        _engine = await EngineTarget.StartAsync(EngineFlavor.Elasticsearch8);
        await _engine.SeedAsync(component);
        _api = ServiceHost.Start(_engine, component);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _api.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [TestCaseSource(nameof(Declared))]
    public async Task Every_declared_status_is_served_with_a_body_that_fits_Camundas_schema(string method, string path, string status)
    {
        using var response = await ProvokeAsync(method, path, status);

        Assert.That(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(Served.GetValueOrDefault(status, status)),
            await response.Content.ReadAsStringAsync());
        var schema = Description["paths"]![path]![method]!["responses"]![status];
        if (schema is null)
        {
            Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
            return;
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(Differences(OpenApiFiles.Violations(body, new JsonObject { ["$ref"] = (string)schema! }, Description)), Is.Empty);
    }

    [Test]
    public async Task A_names_only_list_fits_Camundas_schema_but_for_the_start_times_and_failures_it_cannot_know()
    {
        var id = await TakeAsync();

        using var listed = await _api.Http.GetAsync($"{root}?verbose=false");

        var violations = OpenApiFiles.Violations(JsonNode.Parse(await listed.Content.ReadAsStringAsync()), Reference("HistoryBackupList"), Description);
        // Camunda's description says verbose=false answers carry no startTime and failures, and yet requires them.
        Assert.That(Differences(violations), Is.Not.Empty.And.All.Matches<string>(v => NamesOnly().IsMatch(v)), $"backup {id}: verbose=false reads names only");
    }

    [Test]
    public void The_schema_check_refuses_what_Camundas_schema_refuses()
    {
        var wrong = new JsonArray(new JsonObject { ["backupId"] = "one", ["state"] = "DONE" });

        Assert.That(Differences(OpenApiFiles.Violations(wrong, Reference("HistoryBackupList"), Description)), Has.Count.GreaterThanOrEqualTo(3));
    }

    /// <summary>
    /// The violations left once the README's listed difference is taken out: Operate itself answers a null
    /// failureReason when nothing failed, where the description says string.
    /// </summary>
    private static List<string> Differences(IReadOnlyList<string> violations) =>
        [.. violations.Where(v => !NullFailureReason().IsMatch(v))];

    private static JsonObject Reference(string schema) => new() { ["$ref"] = $"#/components/schemas/{schema}" };

    private async Task<HttpResponseMessage> ProvokeAsync(string method, string path, string status)
    {
        var id = status is "200" or "204" || (method, status) == ("post", "400") ? await TakeAsync() : _engine.NewBackupId();
        if (method == "post" && status == "202")
        {
            id = _engine.NewBackupId();
        }

        var faults = _engine.Emulator!.Faults;
        faults.StatusCode = status == "500" ? 500 : null;
        faults.DropConnections = status == "502";
        var uri = path.Replace("actuator/backupHistory", root, StringComparison.Ordinal).TrimStart('/').Replace("{backupId}", $"{id}", StringComparison.Ordinal);
        if ((method, path, status) == ("get", "/actuator/backupHistory", "404"))
        {
            await using var unconfigured = ServiceHost.Start(_engine, component, settings => settings["Backup:RepositoryName"] = "no-such-repository");
            return await unconfigured.Http.GetAsync(uri);
        }

        try
        {
            return method switch
            {
                "post" => await _api.Http.PostAsJsonAsync(uri, new { backupId = id }),
                "get" => await _api.Http.GetAsync(uri),
                _ => await _api.Http.DeleteAsync(uri),
            };
        }
        finally
        {
            faults.Reset();
        }
    }

    private async Task<long> TakeAsync()
    {
        _api.Root = root;
        var id = _engine.NewBackupId();
        using var created = await _api.CreateAsync(id);
        Assert.That(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        Assert.That((string?)(await _api.WaitUntilSettledAsync(id))["state"], Is.EqualTo("COMPLETED"));
        return id;
    }

    [GeneratedRegex(@"^/0/details/\d+/(startTime|failures) \(type\): Value is ""null""")]
    private static partial Regex NamesOnly();

    [GeneratedRegex(@"/failureReason \(type\)")]
    private static partial Regex NullFailureReason();
}
