using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Backup.EndToEnd.Tests.OpenApi;

/// <summary>
/// A TypeScript client: openapi-typescript turns the service's document into types during the test, tsc checks
/// TypeScript/story.ts (the README's example) against them, and Node runs it with openapi-fetch against the service.
/// </summary>
public sealed class TypeScriptClientTests
{
    private static readonly string Folder = Path.Combine(OpenApiFiles.Folder, "TypeScript");
    private static GeneratedClients _service = null!;

    [OneTimeSetUp]
    public static async Task GenerateAsync()
    {
        _service = await GeneratedClients.StartAsync();
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
        {
            await RunAsync("npm", "ci", "--no-audit", "--no-fund");
        }

        var generated = Directory.CreateDirectory(Path.Combine(Folder, "generated"));
        var document = Path.Combine(generated.FullName, "backups.json");
        await File.WriteAllTextAsync(document, await _service.DocumentAsync());
        await RunAsync("node", "node_modules/openapi-typescript/bin/cli.js", document, "-o", "generated/backups.d.ts");
        await RunAsync("node", "node_modules/typescript/bin/tsc", "-p", ".");
    }

    [OneTimeTearDown]
    public static async Task StopAsync() => await _service.DisposeAsync();

    [Test]
    public async Task The_generated_client_drives_the_whole_API_with_every_error_decoded_as_a_problem()
    {
        var id = _service.Engine.NewBackupId();

        var printed = await RunAsync("node", "run.mjs", "tell", _service.BaseUrl.ToString(), id.ToString(CultureInfo.InvariantCulture),
            GeneratedClients.Key, GeneratedClients.ReaderKey, GeneratedClients.User, GeneratedClients.Password);

        GeneratedClients.AssertStory(GeneratedClients.Lines(JsonNode.Parse(printed)!), id, parts: 6);
    }

    [TestCase(500, "500 ")]
    [TestCase(null, "502 ")]
    public async Task Engine_failures_are_decoded_as_problems(int? engineStatus, string expected)
    {
        var printed = await _service.WhileEngineFailsAsync(engineStatus,
            () => RunAsync("node", "run.mjs", "list", _service.BaseUrl.ToString(), GeneratedClients.Key));

        Assert.That(GeneratedClients.Lines(JsonNode.Parse(printed)!), Has.Length.EqualTo(1).And.One.StartsWith($"list: {expected}"));
    }

    [Test]
    public async Task The_type_check_refuses_a_story_that_misreads_the_document()
    {
        var wrong = Path.Combine(Folder, "generated", "wrong.ts");
        await File.WriteAllTextAsync(wrong, """
            import createClient from "openapi-fetch";
            import type { paths } from "./backups.js";
            await createClient<paths>({ baseUrl: "" }).POST("/actuator/backups", { body: { id: 1 } });
            """);

        var (exit, output) = await StartAsync("node", "node_modules/typescript/bin/tsc", "--noEmit", "--strict", "--module", "NodeNext", "--target", "ES2022", "--skipLibCheck", wrong);

        Assert.That(exit, Is.Not.Zero);
        Assert.That(output, Does.Contain("backupId"));
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var (exit, output) = await StartAsync(program, arguments);
        Assert.That(exit, Is.Zero, $"{program} {string.Join(' ', arguments)}:\n{output}");
        return output;
    }

    private static async Task<(int Exit, string Output)> StartAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await errors);
    }
}
