using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests.Compatibility;

/// <summary>
/// What the original's clients rely on, replayed over HTTP against the real service and the engine. Each test names its
/// source in its description: a test class and method of the original (public camunda/camunda repository), or an
/// example of the documentation page (../shared/spec/operate-tasklist-backup-api.md). Where this service differs on
/// purpose, the test asserts the documented difference (README, "Deliberate differences").
/// </summary>
[TestFixtureSource(nameof(Targets))]
public sealed class OriginalBehaviourTests(EngineFlavor flavor, Component component)
{
    private EngineTarget _engine = null!;
    private BackupApi _api = null!;

    public static IEnumerable<TestFixtureData> Targets =>
    [
        new(EngineFlavor.Elasticsearch8, Component.Operate),
        new(EngineFlavor.OpenSearch2, Component.Tasklist),
    ];

    /// <summary>Operate's controller calls the id an Integer, Tasklist's a Long.</summary>
    private string IdRefusal => $"BackupId must be a non-negative {(component == Component.Operate ? "Integer" : "Long")}. Received value: ";

    [SetUp]
    public async Task StartAsync()
    {
        _engine = await EngineTarget.StartAsync(flavor);
        await _engine.SeedAsync(component);
        _api = ServiceHost.Start(_engine, component);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _api.DisposeAsync();
        await _engine.DisposeAsync();
    }

    private async Task<JsonNode> CompletedAsync(long id, string? body = null)
    {
        using var created = body is null ? await _api.CreateAsync(id) : await _api.CreateAsync(body);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK), await created.Content.ReadAsStringAsync());
        var backup = await _api.WaitUntilSettledAsync(id);
        Assert.That((string?)backup["state"], Is.EqualTo("COMPLETED"), backup.ToJsonString());
        return backup;
    }

    private async Task<long[]> ListedIdsAsync(string query = "")
    {
        using var listed = await _api.ListAsync(query);
        Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await listed.Content.ReadAsStringAsync());
        return [.. (await BackupApi.ReadAsync(listed)).AsArray().Select(b => (long)b!["backupId"]!)];
    }

    [Test]
    [Description("Docs page, Create backup API, example request and response")]
    public async Task Create_answers_the_names_of_all_six_parts()
    {
        var id = _engine.NewBackupId();

        using var created = await _api.CreateAsync($$"""{ "backupId": {{id}} }""");

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await BackupApi.ReadAsync(created))["scheduledSnapshots"]!.AsArray().Select(n => (string)n!),
            Is.EqualTo(Enumerable.Range(1, 6).Select(n => $"camunda_{component.Name()}_{id}_8.7.0_part_{n}_of_6")));
    }

    [Test]
    [Description("Docs page, Get backup state API, example response; BackupControllerTest.shouldReturnCompletedState")]
    public async Task Get_answers_the_state_and_every_parts_snapshot_with_the_pages_fields()
    {
        var id = _engine.NewBackupId();

        var backup = await CompletedAsync(id);

        Assert.That(backup.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "backupId", "state", "failureReason", "details" }));
        Assert.That(backup["details"]![0]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "snapshotName", "state", "startTime", "failures" }));
    }

    [Test]
    [Description("Docs page, Get backups list API: 'Can be an empty response in case no backups were created yet'")]
    public async Task The_list_is_an_empty_array_before_any_backup()
    {
        Assume.That(EngineTarget.IsReal, Is.False, "a real engine's repository may hold backups already");

        Assert.That(await ListedIdsAsync(), Is.Empty);
    }

    [Test]
    [Description("Docs page, Delete backup API: 204, then 404 'Not a single snapshot corresponding to given ID exist'")]
    public async Task Delete_answers_204_and_then_the_backup_is_gone()
    {
        var id = _engine.NewBackupId();
        await CompletedAsync(id);

        using var deleted = await _api.DeleteAsync(id);
        using var gone = await _api.GetAsync(id);

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await BackupApi.AssertProblemAsync(gone, HttpStatusCode.NotFound, $"No backup with id [{id}] found.");
    }

    [Test]
    [Description("BackupControllerTest.shouldFailGetStateOnNoBackupFound: 404 'No backup with id [2] found.'")]
    public async Task An_unknown_id_is_404_in_the_originals_words()
    {
        var id = _engine.NewBackupId();

        using var response = await _api.GetAsync(id);

        var problem = await BackupApi.AssertProblemAsync(response, HttpStatusCode.NotFound, "");
        Assert.That((string?)problem["message"], Does.StartWith($"No backup with id [{id}] found."));
    }

    [Test]
    [Description("shouldFailOnWrongBackupId (the original's backup service tests): 'BackupId must be provided'")]
    public async Task A_missing_id_is_400_in_the_originals_words()
    {
        using var response = await _api.CreateAsync("{}");

        var problem = await BackupApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "");
        Assert.That((string?)problem["message"], Does.StartWith("BackupId must be provided"));
    }

    [TestCase("POST")]
    [TestCase("GET")]
    [TestCase("DELETE")]
    [Description("shouldFailOnWrongBackupId: -1 on take, get and delete; Operate's BackupController says Integer, Tasklist's Long")]
    public async Task A_negative_id_is_400_in_the_components_own_words(string method)
    {
        using var response = method switch
        {
            "POST" => await _api.CreateAsync("""{"backupId": -1}"""),
            "GET" => await _api.Http.GetAsync("actuator/backups/-1"),
            _ => await _api.Http.DeleteAsync("actuator/backups/-1"),
        };

        var problem = await BackupApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "");
        Assert.That((string?)problem["message"], Does.StartWith(IdRefusal + "-1"));
    }

    [Test]
    [Description("Jackson defaults in Spring Boot: a JSON string holding an integer is read as the number (jq --arg, clients with backup_id: String)")]
    public async Task A_string_holding_an_integer_is_read_as_the_id()
    {
        var id = _engine.NewBackupId();

        var backup = await CompletedAsync(id, $$"""{"backupId": "{{id}}"}""");

        Assert.That((long)backup["backupId"]!, Is.EqualTo(id));
    }

    [Test]
    [Description("Jackson defaults in Spring Boot: a string that is not an integer is refused, saying what was received")]
    public async Task A_string_that_is_not_an_integer_is_400_naming_what_was_received()
    {
        using var response = await _api.CreateAsync("""{"backupId": "12abc"}""");

        var problem = await BackupApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "");
        Assert.That((string?)problem["message"], Does.StartWith(IdRefusal + "\"12abc\""));
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_{component.Name()}_*"), Is.Empty);
    }

    [Test]
    [Description("Jackson defaults in Spring Boot (FAIL_ON_UNKNOWN_PROPERTIES off): fields next to backupId are ignored")]
    public async Task Unknown_fields_next_to_the_id_are_ignored()
    {
        var id = _engine.NewBackupId();

        var backup = await CompletedAsync(id, $$"""{"backupId": {{id}}, "comment": "nightly", "tags": ["a"]}""");

        Assert.That((long)backup["backupId"]!, Is.EqualTo(id));
    }

    [Test]
    [Description("Operate/Tasklist 8.7 BackupController.validateBackupId refuses only backupId < 0: id 0 is a backup")]
    public async Task Id_zero_is_accepted_as_the_87_original_accepts_it()
    {
        Assume.That(EngineTarget.IsReal, Is.False, "backup 0 is not one of this run's ids, so it could not be cleaned up on a real engine");

        var backup = await CompletedAsync(0, """{"backupId": 0}""");

        Assert.That((long)backup["backupId"]!, Is.EqualTo(0));
        Assert.That(await ListedIdsAsync("?pattern=0"), Is.EqualTo(new[] { 0L }));
    }

    [Test]
    [Description("BackupServiceImpl.takeBackup: 'Another backup is running at the moment'")]
    public async Task A_second_backup_while_one_runs_is_400_in_the_originals_words()
    {
        Assume.That(_engine.Emulator, Is.Not.Null, "holding snapshots in progress needs the emulator");
        _engine.Emulator!.HoldSnapshots = true;
        using var first = await _api.CreateAsync(_engine.NewBackupId());

        using var second = await _api.CreateAsync(_engine.NewBackupId());

        var problem = await BackupApi.AssertProblemAsync(second, HttpStatusCode.BadRequest, "");
        Assert.That((string?)problem["message"], Does.StartWith("Another backup is running at the moment"));
        _engine.Emulator.HoldSnapshots = false;
    }

    [Test]
    [Description("ElasticsearchBackupRepository.validateNoDuplicateBackupId: 'A backup with ID [x] already exists. Found snapshots: [...]'")]
    public async Task A_duplicate_id_is_400_in_the_originals_words()
    {
        var id = _engine.NewBackupId();
        await CompletedAsync(id);

        using var again = await _api.CreateAsync(id);

        var problem = await BackupApi.AssertProblemAsync(again, HttpStatusCode.BadRequest, "");
        Assert.That((string?)problem["message"], Does.StartWith($"A backup with ID [{id}] already exists. Found snapshots: [camunda_{component.Name()}_{id}_8.7.0_part_1_of_6"));
    }

    [TestCase("", TestName = "{m}(empty)")]
    [TestCase("?pattern=", TestName = "{m}(pattern=)")]
    [TestCase("?pattern=*", TestName = "{m}(pattern=*)")]
    [Description("BackupRepository.validPattern: null or empty is every backup; '*' matches ^(\\d*)\\*?$")]
    public async Task An_absent_empty_or_star_pattern_lists_every_backup(string query)
    {
        var id = _engine.NewBackupId();
        await CompletedAsync(id);

        Assert.That(await ListedIdsAsync(query), Does.Contain(id));
    }

    [TestCase("abc")]
    [TestCase("%20")]
    [TestCase("5%20")]
    [TestCase("%095")]
    [TestCase("12%0A")]
    [TestCase("1*2")]
    [TestCase("123456789012345678901")]
    [Description("BackupRepository.validPattern: anything else than ^(\\d*)\\*?$ within 20 characters is 'Invalid pattern: X' (anchored with \\z here)")]
    public async Task Any_other_pattern_is_400_in_the_originals_words(string pattern)
    {
        using var response = await _api.ListAsync($"?pattern={pattern}");

        var problem = await BackupApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "");
        Assert.That((string?)problem["message"], Does.StartWith($"Invalid pattern: {Uri.UnescapeDataString(pattern)}"));
    }

    [Test]
    [Description("BackupRepository.validPattern: the longest valid pattern, 19 digits and *, is 20 characters")]
    public async Task A_pattern_of_20_characters_is_valid()
    {
        Assert.That(await ListedIdsAsync("?pattern=1234567890123456789*"), Is.Empty);
    }

    [Test]
    [Description("Deliberate difference: pattern=12 finds backup 12 (the original asked the engine for a snapshot named camunda_<component>_12 and found nothing)")]
    public async Task A_pattern_without_star_finds_exactly_that_backup()
    {
        var id = _engine.NewBackupId();
        var neighbour = _engine.NewBackupId();
        await CompletedAsync(id);
        await CompletedAsync(neighbour);

        var sharedDigits = string.Concat(id.ToString(CultureInfo.InvariantCulture).Zip(neighbour.ToString(CultureInfo.InvariantCulture))
            .TakeWhile(digits => digits.First == digits.Second).Select(digits => digits.First));

        Assert.That(await ListedIdsAsync($"?pattern={id}"), Is.EqualTo(new[] { id }));
        Assert.That(await ListedIdsAsync($"?pattern={sharedDigits}*"), Is.SupersetOf(new[] { id, neighbour }));
    }

    [Test]
    [Description("ElasticsearchBackupRepository.getBackups sorts snapshots by start time, newest first; deliberate difference: verbose=false has no times, so highest id first")]
    public async Task The_list_puts_the_most_recently_started_backup_first()
    {
        var lower = _engine.NewBackupId();
        var higher = _engine.NewBackupId();
        await CompletedAsync(higher);
        await CompletedAsync(lower);

        var started = await ListedIdsAsync();
        var names = await ListedIdsAsync("?verbose=false");

        Assert.That(started.Where(i => i == lower || i == higher), Is.EqualTo(new[] { lower, higher }));
        Assert.That(names.Where(i => i == lower || i == higher), Is.EqualTo(new[] { higher, lower }));
    }

    [Test]
    [Description("BackupController.getBackups(verbose): verbose=false and the default listing agree on every state, also between two parts")]
    public async Task Verbose_false_and_the_default_listing_agree_on_a_backup_between_two_parts()
    {
        var id = _engine.NewBackupId();
        var prefix = EngineTarget.PrefixFor(component);
        await _engine.CreateForeignSnapshotAsync($"camunda_{component.Name()}_{id}_8.7.0_part_1_of_6", $"{prefix}-*");
        await _engine.CreateForeignSnapshotAsync($"camunda_{component.Name()}_{id}_8.7.0_part_2_of_6", $"{prefix}-*");

        async Task<string?> StateAsync(string query)
        {
            using var listed = await _api.ListAsync(query);
            return (string?)(await BackupApi.ReadAsync(listed)).AsArray().Single(b => (long)b!["backupId"]! == id)!["state"];
        }

        Assert.That(await StateAsync("?verbose=false"), Is.EqualTo(await StateAsync("")).And.EqualTo("IN_PROGRESS"));
    }

    [TestCase("/actuator/backups/{0}/")]
    [TestCase("/actuator//backups/{0}")]
    [TestCase("//actuator/backups/{0}")]
    [Description("Camunda 8.7 docs, Create a backup: OPERATE_MANAGEMENT_API ends with '/', so the steps call //actuator/backups/$BACKUP_ID")]
    public async Task Doubled_and_trailing_slashes_reach_the_same_backup(string path)
    {
        var id = _engine.NewBackupId();
        await CompletedAsync(id);

        using var response = await _api.Http.GetAsync(UrlOf(path, id));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((long)(await BackupApi.ReadAsync(response))["backupId"]!, Is.EqualTo(id));
    }

    private Uri UrlOf(string path, long id) =>
        new(_api.Http.BaseAddress!.GetLeftPart(UriPartial.Authority) + string.Format(CultureInfo.InvariantCulture, path, id));

    [TestCase("//actuator/backups", "POST")]
    [TestCase("//actuator/backups", "GET")]
    [TestCase("/actuator/backups/", "GET")]
    [TestCase("//actuator/backups/{0}", "DELETE")]
    [Description("Camunda 8.7 docs, Create a backup / Restore a backup: the steps' URLs built from a base URL ending with '/'")]
    public async Task Every_endpoint_answers_under_a_doubled_slash(string path, string method)
    {
        var id = _engine.NewBackupId();
        if (method != "POST")
        {
            await CompletedAsync(id);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), UrlOf(path, id));
        if (method == "POST")
        {
            request.Content = new StringContent($$"""{"backupId": {{id}}}""", Encoding.UTF8, "application/json");
        }

        using var response = await _api.Http.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.InRange(200, 204), await response.Content.ReadAsStringAsync());
        if (method == "POST")
        {
            await _api.WaitUntilSettledAsync(id);
        }
    }

    [TestCase("application/json", "application/json")]
    [TestCase("application/json, application/problem+json", "application/problem+json")]
    [TestCase("*/*", "application/problem+json")]
    [TestCase(null, "application/problem+json")]
    [Description("A client generated from Camunda's JSON-only OpenAPI document sends Accept: application/json and must be able to read the error")]
    public async Task An_error_is_plain_json_when_the_client_accepts_only_json(string? accept, string expected)
    {
        var id = _engine.NewBackupId();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"actuator/backups/{id}");
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await _api.Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(expected));
        var body = await BackupApi.ReadAsync(response);
        Assert.That((string?)body["message"], Does.StartWith($"No backup with id [{id}] found."));
        Assert.That((int?)body["status"], Is.EqualTo(404));
    }

    [Test]
    [Description("ElasticsearchBackupRepository.getBackupResponse: a FAILED backup's reason starts 'There were failures with the following snapshots: '")]
    public async Task A_failed_part_gives_the_originals_failure_reason()
    {
        Assume.That(_engine.Emulator, Is.Not.Null, "failing a snapshot needs the emulator");
        var id = _engine.NewBackupId();
        var part2 = $"camunda_{component.Name()}_{id}_8.7.0_part_2_of_6";
        _engine.Emulator!.SetOutcome(part2, SnapshotOutcome.Failed);

        using var created = await _api.CreateAsync(id);
        var backup = await _api.WaitUntilSettledAsync(id);

        Assert.That((string?)backup["state"], Is.EqualTo("FAILED"));
        Assert.That((string?)backup["failureReason"], Does.StartWith($"There were failures with the following snapshots: {part2}"));
    }

    [Test]
    [Description("Deliberate difference: the original leaves failureReason null on INCOMPLETE; this service names the missing parts")]
    public async Task An_incomplete_backup_says_which_parts_are_missing()
    {
        var id = _engine.NewBackupId();
        await _engine.CreateForeignSnapshotAsync($"camunda_{component.Name()}_{id}_8.7.0_part_1_of_6", $"{EngineTarget.PrefixFor(component)}-*");
        await using var api = ServiceHost.Start(_engine, component, settings => settings["Backup:IncompleteCheckTimeout"] = "00:00:00.001");

        using var response = await api.GetAsync(id);
        var backup = await BackupApi.ReadAsync(response);

        Assert.That((string?)backup["state"], Is.EqualTo("INCOMPLETE"));
        Assert.That((string?)backup["failureReason"], Does.Contain("part(s) 2, 3, 4, 5, 6 of 6 were never taken"));
    }

    [Test]
    [Description("Deliberate difference, as the docs page's Delete backup API says: 404 when not a single snapshot of the id exists (the original answered 204)")]
    public async Task Delete_of_an_unknown_id_is_404()
    {
        var id = _engine.NewBackupId();

        using var response = await _api.DeleteAsync(id);

        var problem = await BackupApi.AssertProblemAsync(response, HttpStatusCode.NotFound, "");
        Assert.That((string?)problem["message"], Does.StartWith($"No backup with id [{id}] found"));
    }

    [Test]
    [Description("ElasticsearchBackupRepository.validateRepositoryExists: 'No repository with name [x] could be found.'")]
    public async Task A_missing_repository_is_named_in_the_originals_words()
    {
        await using var api = ServiceHost.Start(_engine, component, settings => settings["Backup:RepositoryName"] = "no_such_repository");

        using var response = await api.ListAsync();

        var problem = await BackupApi.AssertProblemAsync(response, HttpStatusCode.NotFound, "");
        Assert.That((string?)problem["message"], Does.StartWith("No repository with name [no_such_repository] could be found."));
    }

    [Test]
    [Description("BackupController.validateRepositoryNameIsConfigured: 404 'No backup repository configured.'")]
    public async Task No_repository_configured_is_404_in_the_originals_words()
    {
        await using var api = ServiceHost.Start(_engine, component, settings => settings["Backup:RepositoryName"] = "");

        using var response = await api.ListAsync();

        var problem = await BackupApi.AssertProblemAsync(response, HttpStatusCode.NotFound, "");
        Assert.That((string?)problem["message"], Does.StartWith("No backup repository configured."));
    }
}
