using System.Net;

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
