using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Backup.Domain;
using Backup.EngineEmulator;
using Backup.Infrastructure.SnapshotApi;

namespace Backup.EndToEnd.Tests;

/// <summary>
/// The engine a test runs against: the emulator on loopback, or the real engine named by BACKUP_E2E_ENGINE_URL.
/// Tests seed and inspect it over the engine's own REST API only, so they run unchanged on both; whatever a test
/// creates on it is deleted again when the test ends.
/// </summary>
internal sealed class EngineTarget : IAsyncDisposable
{
    private static readonly string? RealUrl = Environment.GetEnvironmentVariable("BACKUP_E2E_ENGINE_URL");
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..6];
    private static long _lastId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 100;

    private readonly List<string> _indices = [];
    private readonly List<long> _backupIds = [];

    private EngineTarget(Uri url, DatabaseType type, string repository, EngineEmulator.EngineEmulator? emulator, string? username, string? password)
    {
        Url = url;
        Type = type;
        Repository = repository;
        Emulator = emulator;
        Username = username;
        Password = password;
        Rest = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        if (username is not null)
        {
            Rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        }
    }

    public static bool IsReal => !string.IsNullOrEmpty(RealUrl);

    public Uri Url { get; }

    public DatabaseType Type { get; }

    public string Repository { get; }

    /// <summary>The emulator; null on a real engine, where tests that need one of its fault switches are ignored, saying why.</summary>
    public EngineEmulator.EngineEmulator? Emulator { get; }

    public string? Username { get; }

    public string? Password { get; }

    public HttpClient Rest { get; }

    /// <summary>
    /// On a real engine, indices get a prefix of their own, so that tests never touch real Camunda data. 8.8 puts its
    /// prefix (none by default) before each family: <c>operate-</c>, <c>tasklist-</c>, <c>camunda-</c>.
    /// </summary>
    public static string PrefixFor(Component component) => (IsReal, component) switch
    {
        (true, Component.Webapps) => $"e2e{RunId}",
        (true, _) => $"e2e{RunId}-{component.Name()}",
        (false, Component.Webapps) => "",
        _ => component.Name(),
    };

    /// <param name="time">The emulator's clock; a real engine keeps its own.</param>
    public static async Task<EngineTarget> StartAsync(EngineFlavor flavor, TimeProvider? time = null)
    {
        var type = flavor is EngineFlavor.OpenSearch1 or EngineFlavor.OpenSearch2 or EngineFlavor.OpenSearch3
            ? DatabaseType.OpenSearch
            : DatabaseType.Elasticsearch;
        if (!IsReal)
        {
            var emulator = await EngineEmulator.EngineEmulator.StartAsync(flavor, time);
            emulator.CreateRepository("camunda_backup");
            return new EngineTarget(emulator.Url, type, "camunda_backup", emulator, null, null);
        }

        var realType = Enum.Parse<DatabaseType>(Environment.GetEnvironmentVariable("BACKUP_E2E_ENGINE_TYPE") ?? "elasticsearch", ignoreCase: true);
        var representative = realType == DatabaseType.OpenSearch ? EngineFlavor.OpenSearch2 : EngineFlavor.Elasticsearch8;
        if (flavor != representative)
        {
            Assert.Ignore($"BACKUP_E2E_ENGINE_URL names a real {realType}: the suite runs once against it (as {representative}); "
                + $"the {flavor} flavour runs on the emulator when that variable is unset.");
        }

        var target = new EngineTarget(
            new Uri(RealUrl!.TrimEnd('/') + "/"),
            realType,
            Environment.GetEnvironmentVariable("BACKUP_E2E_REPOSITORY") ?? "camunda_e2e",
            null,
            Environment.GetEnvironmentVariable("BACKUP_E2E_USERNAME"),
            Environment.GetEnvironmentVariable("BACKUP_E2E_PASSWORD"));
        await target.EnsureRepositoryAsync();
        return target;
    }

    /// <summary>A backup id no other test (nor an earlier run on a real engine) uses; its snapshots are deleted at the end.</summary>
    public long NewBackupId()
    {
        var id = Interlocked.Increment(ref _lastId);
        lock (_backupIds)
        {
            _backupIds.Add(id);
        }

        return id;
    }

    /// <summary>
    /// The component's indices (8.7's, or 8.8's for webapps), and dated copies of its template indices when asked
    /// (for webapps: of every archived template, so that a backup has all seven parts).
    /// </summary>
    public async Task SeedAsync(Component component, bool withDatedCopies = true)
    {
        var prefix = PrefixFor(component);
        var all = component switch
        {
            Component.Webapps => withDatedCopies ? CamundaIndices88.Aged("2025-10-01", prefix) : CamundaIndices88.Fresh(prefix),
            _ => (component == Component.Operate ? CamundaIndices.Operate(prefix) : CamundaIndices.Tasklist(prefix))
                .Concat(withDatedCopies ? CamundaIndices.DatedCopies(prefix, component.Name(), "2024-01-15") : []).ToList(),
        };
        foreach (var index in all)
        {
            await CreateIndexAsync(index);
        }
    }

    /// <param name="body">Settings, mappings and aliases, as the engine's create-index API takes them.</param>
    public async Task CreateIndexAsync(string index, JsonObject? body = null)
    {
        using var response = await Rest.PutAsync(index, body is null ? null : JsonContent.Create(body));
        if (response.StatusCode != HttpStatusCode.BadRequest || !(await response.Content.ReadAsStringAsync()).Contains("resource_already_exists_exception", StringComparison.Ordinal))
        {
            await EnsureSuccessAsync(response, $"creating index {index}");
        }

        lock (_indices)
        {
            _indices.Add(index);
        }
    }

    /// <summary>A snapshot someone else made (SLM, by hand, another tool), of one test index.</summary>
    public async Task CreateForeignSnapshotAsync(string name, string index)
    {
        using var response = await Rest.PutAsJsonAsync(
            $"_snapshot/{Repository}/{name}?wait_for_completion=true",
            new JsonObject { ["indices"] = index, ["include_global_state"] = false });
        await EnsureSuccessAsync(response, $"creating snapshot {name}");
    }

    public async Task<IReadOnlyList<string>> SnapshotNamesAsync(string pattern)
    {
        using var response = await Rest.GetAsync($"_snapshot/{Repository}/{pattern}?ignore_unavailable=true&verbose=false");
        await EnsureSuccessAsync(response, $"listing snapshots {pattern}");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return [.. body["snapshots"]!.AsArray().Select(s => (string)s!["snapshot"]!).Order(StringComparer.Ordinal)];
    }

    public async Task DeleteSnapshotsAsync(IEnumerable<string> names)
    {
        var list = string.Join(',', names);
        if (list.Length == 0)
        {
            return;
        }

        using var response = await Rest.DeleteAsync($"_snapshot/{Repository}/{list}");
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, $"deleting snapshots {list}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
            Rest.Dispose();
            return;
        }

        foreach (var id in _backupIds)
        {
            await DeleteSnapshotsAsync(await SnapshotNamesAsync($"camunda_*_{id}_*"));
        }

        foreach (var index in _indices)
        {
            using var _ = await Rest.DeleteAsync(index);
        }

        Rest.Dispose();
    }

    private async Task EnsureRepositoryAsync()
    {
        using var found = await Rest.GetAsync($"_snapshot/{Repository}");
        if (found.StatusCode == HttpStatusCode.NotFound)
        {
            using var created = await Rest.PutAsJsonAsync($"_snapshot/{Repository}",
                new JsonObject { ["type"] = "fs", ["settings"] = new JsonObject { ["location"] = Repository } });
            await EnsureSuccessAsync(created, $"registering repository {Repository} (is path.repo set on the engine?)");
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"The engine failed {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
