using System.Net;
using Backup.Domain;
using Backup.EndToEnd.Tests;
using Backup.EngineEmulator;

namespace Backup.Cli.Tests;

/// <summary>The tool keeps its secrets: no key in --help, none sent after a redirect, no credentials echoed from a URL.</summary>
public sealed class ToolSecurityTests
{
    private const string Key = "tool-secret-key-0123456789";

    [Test]
    public async Task Help_never_shows_the_api_key_taken_from_the_environment()
    {
        Environment.SetEnvironmentVariable("BACKUP_API_KEY", Key);
        try
        {
            var root = await Tool.RunAsync("--help");
            var list = await Tool.RunAsync("list", "--help");

            Assert.That(root.ToString() + list, Does.Not.Contain(Key));
            Assert.That(list.ToString(), Does.Contain("--api-key"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("BACKUP_API_KEY", null);
        }
    }

    [TestCase("list", "--url", "http://ops:hunter2-secret@127.0.0.1:1")]
    [TestCase("restore", "1", "--repository", "r", "--engine-url", "http://elastic:hunter2-secret@127.0.0.1:1")]
    [TestCase("restore", "1", "--repository", "r", "--engine-url", "elastic:hunter2-secret@127.0.0.1:1")]
    public async Task A_url_with_credentials_is_refused_without_echoing_them(params string[] args)
    {
        var run = await Tool.RunAsync(args);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("carries credentials"));
        Assert.That(run.ToString(), Does.Not.Contain("hunter2"));
    }

    [TestCase("delete", HttpStatusCode.TemporaryRedirect)]
    [TestCase("list", HttpStatusCode.Found)]
    [TestCase("create", HttpStatusCode.PermanentRedirect)]
    public async Task A_redirect_to_another_port_is_not_followed_and_the_key_goes_nowhere_else(string command, HttpStatusCode redirect)
    {
        using var elsewhere = new Listener(_ => HttpStatusCode.OK);
        using var service = new Listener(response =>
        {
            response.RedirectLocation = elsewhere.Url + "actuator/backups/1";
            return redirect;
        });

        var args = command == "list" ? new[] { "list" } : [command, "1"];
        var run = await Tool.RunAsync([.. args, "--url", service.Url, "--api-key", Key]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Refused), run.ToString());
        Assert.That(run.Error, Does.Contain("redirects are not followed"));
        Assert.That(service.Requests, Is.EqualTo(1));
        Assert.That(elsewhere.Requests, Is.Zero, "the key (and the replayed request) reached the redirect's target");
    }

    [TestCase("tasklist", "operate")]
    [TestCase("tasklist-prod", "operate")]
    [TestCase("operate", "tasklist")]
    [TestCase("operate*", "operate")]
    [TestCase("operate,tasklist", "operate")]
    [TestCase("*", "operate")]
    public async Task An_index_prefix_that_does_not_fit_the_component_is_a_usage_error(string prefix, string component)
    {
        var run = await Tool.RunAsync("restore", "1", "--engine-url", "http://127.0.0.1:1", "--repository", "r", "--component", component, "--index-prefix", prefix);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("Backup:IndexPrefix").And.Contain("--index-prefix"));
    }

    /// <summary>Crafted snapshots under this service's names: whatever they hold, only the component's own indices are touched.</summary>
    [TestCase("operate-customer-important", true)]
    [TestCase("tasklist-gone-1", false)]
    [TestCase("operate-list-view-8.3.0_*", false)]
    [TestCase("operate-list-view-8.3.0_,operate-customer-important", false)]
    public async Task Restore_of_a_crafted_backup_is_refused_with_exit_8_and_changes_nothing(string crafted, bool exists)
    {
        await using var engine = await EngineTarget.StartAsync(EngineFlavor.Elasticsearch8);
        var emulator = engine.Emulator ?? throw new IgnoreException("This test crafts snapshots in the emulator.");
        await engine.SeedAsync(Component.Operate);
        emulator.CreateIndices("operate-customer-important");
        var id = engine.NewBackupId();
        for (var part = 1; part <= 6; part++)
        {
            emulator.AddSnapshot(engine.Repository, $"camunda_operate_{id}_8.7.0_part_{part}_of_6",
                part == 2 ? ["operate-list-view-8.3.0_", crafted] : [$"operate-import-position-8.3.0_"], SnapshotOutcome.Success, DateTimeOffset.UtcNow.AddMinutes(part - 10));
        }

        var before = emulator.IndexNames.Order(StringComparer.Ordinal).ToList();
        emulator.ClearRequests();

        var run = await Tool.RunAsync("restore", $"{id}", "--delete-existing", "--yes", "--engine-url", engine.Url.ToString(),
            "--repository", engine.Repository, "--component", "operate", "--index-prefix", "operate");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Refused), run.ToString());
        Assert.That(run.Error, Does.Contain(crafted).And.Contain("nothing of it is deleted or restored"));
        Assert.That(emulator.Requests.Where(r => r.Method == "DELETE" || r.Path.EndsWith("/_restore", StringComparison.Ordinal)), Is.Empty);
        Assert.That(emulator.IndexNames.Order(StringComparer.Ordinal), Is.EqualTo(before));
        Assert.That(exists, Is.EqualTo(before.Contains(crafted)));
    }

    /// <summary>A loopback HTTP server that answers every request the same way and counts them.</summary>
    private sealed class Listener : IDisposable
    {
        private readonly HttpListener _http = new();
        private int _requests;

        public Listener(Func<HttpListenerResponse, HttpStatusCode> answer)
        {
            var port = Tool.ClosedPort();
            Url = $"http://127.0.0.1:{port}/";
            _http.Prefixes.Add(Url);
            _http.Start();
            _ = Task.Run(async () =>
            {
                while (_http.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _http.GetContextAsync();
                    }
                    catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    Interlocked.Increment(ref _requests);
                    context.Response.StatusCode = (int)answer(context.Response);
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose() => _http.Close();
    }
}
