using System.Text.Json.Nodes;
using Json.Schema;

namespace Backup.EndToEnd.Tests.OpenApi;

/// <summary>The service's own document is valid OpenAPI 3.1 and says what a client generator needs.</summary>
public sealed class DocumentSchemaTests
{
    private static GeneratedClients _service = null!;
    private static JsonNode _document = null!;

    [OneTimeSetUp]
    public static async Task StartAsync()
    {
        _service = await GeneratedClients.StartAsync();
        _document = JsonNode.Parse(await _service.DocumentAsync())!;
    }

    [OneTimeTearDown]
    public static async Task StopAsync() => await _service.DisposeAsync();

    private static IEnumerable<(string Name, JsonNode Operation)> Operations =>
        _document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => ($"{op.Key} {path.Key}", op.Value!)));

    [Test]
    public void The_document_validates_against_the_OpenAPI_3_1_schema()
    {
        var schema = JsonSchema.FromFile(Path.Combine(OpenApiFiles.Folder, "Fixtures", "oas-3.1-schema.json"));

        var results = schema.Evaluate(_document, OpenApiFiles.Options);

        Assert.That((string?)_document["openapi"], Does.StartWith("3.1."));
        // The list names the failures of alternatives too (anyOf, oneOf); it is shown only when the whole fails.
        Assert.That(results.IsValid, Is.True, string.Join('\n', OpenApiFiles.Violations(results)));
    }

    [Test]
    public void The_OpenAPI_schema_check_refuses_a_broken_document()
    {
        var broken = _document.DeepClone();
        broken["paths"]!["/actuator/backups"]!["get"]!["responses"] = new JsonArray();
        var schema = JsonSchema.FromFile(Path.Combine(OpenApiFiles.Folder, "Fixtures", "oas-3.1-schema.json"));

        Assert.That(schema.Evaluate(broken, OpenApiFiles.Options).IsValid, Is.False);
    }

    [Test]
    public void Every_operation_has_its_own_operationId()
    {
        var ids = Operations.Select(o => (string?)o.Operation["operationId"]).ToList();

        Assert.That(ids, Has.None.Null.And.Unique);
        Assert.That(ids, Is.SupersetOf(new[] { "createBackup", "listBackups", "getBackup", "deleteBackup", "createBackupHistory", "getBackupHistory" }));
    }

    [Test]
    public void Every_error_is_documented_as_a_problem_and_as_plain_JSON_for_JSON_only_clients()
    {
        // Health and its probes answer DOWN in their own shape, as Spring Boot's actuator does.
        var errors = Operations
            .SelectMany(o => o.Operation["responses"]!.AsObject().Select(r => (Name: $"{o.Name} {r.Key}", Status: r.Key, Response: r.Value!)))
            .Where(r => r.Status[0] is '4' or '5' && !(r.Name.Contains("/actuator/health", StringComparison.Ordinal) && r.Status == "503"))
            .ToList();

        Assert.That(errors, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var (name, _, response) in errors)
            {
                Assert.That(response["content"]!.AsObject().Select(c => c.Key), Is.EquivalentTo(new[] { "application/problem+json", "application/json" }), name);
            }
        });
    }

    [Test]
    public void The_schemes_of_Management_Auth_are_declared_and_offered_as_alternatives_to_none()
    {
        var schemes = _document["components"]!["securitySchemes"]!;
        var requirements = _document["security"]!.AsArray().Select(r => string.Join(",", r!.AsObject().Select(s => s.Key))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That((string?)schemes["apiKey"]!["type"], Is.EqualTo("apiKey"));
            Assert.That((string?)schemes["apiKey"]!["in"], Is.EqualTo("header"));
            Assert.That((string?)schemes["apiKey"]!["name"], Is.EqualTo("X-API-Key"));
            Assert.That((string?)schemes["basic"]!["type"], Is.EqualTo("http"));
            Assert.That((string?)schemes["basic"]!["scheme"], Is.EqualTo("basic"));
            Assert.That(requirements, Is.EquivalentTo(new[] { "", "apiKey", "basic" }));
        });
    }

    [Test]
    public void Every_example_validates_against_its_schema()
    {
        var media = Operations
            .SelectMany(o => o.Operation["responses"]!.AsObject().SelectMany(r => r.Value!["content"]?.AsObject() ?? [])
                .Concat(o.Operation["requestBody"]?["content"]?.AsObject() ?? []))
            .Select(m => m.Value!)
            .Where(m => m["example"] is not null)
            .ToList();

        Assert.That(media, Has.Count.EqualTo(8));
        Assert.Multiple(() =>
        {
            foreach (var content in media)
            {
                Assert.That(OpenApiFiles.Violations(content["example"], content["schema"]!, _document), Is.Empty, content.GetPath());
            }
        });
    }

    [Test]
    public void The_example_check_refuses_an_example_that_breaks_its_schema()
    {
        var schema = _document["paths"]!["/actuator/backups/{backupId}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;

        Assert.That(OpenApiFiles.Violations(new JsonObject { ["backupId"] = "x", ["state"] = "DONE" }, schema, _document), Is.Not.Empty);
    }
}
