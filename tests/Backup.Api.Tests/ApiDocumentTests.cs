using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Backup.Domain;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Backup.Api.Tests;

/// <summary>The OpenAPI document describes the endpoints the service really has, and the answers it really gives.</summary>
public sealed partial class ApiDocumentTests
{
    private const string DocumentPath = "actuator/openapi/backups.json";
    private const string ReaderKey = "reader-key-0123456789abcdef";
    private static ApiHost _host = null!;
    private static JsonObject _document = null!;

    [OneTimeSetUp]
    public static async Task StartHostAsync()
    {
        _host = new ApiHost(new()
        {
            ["Management:Auth:ApiKeys:0:Name"] = "dashboard",
            ["Management:Auth:ApiKeys:0:Key"] = ReaderKey,
        });
        var completed = Enumerable.Range(1, 6)
            .Select(p => new Snapshot(
                new SnapshotName(Component.Operate, BackupId.Create(7).Value, "8.7.0", p, 6), "SUCCESS", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, []))
            .ToList();
        _host.Engine.Setup(e => e.GetSnapshotsAsync(It.Is<SnapshotSelection>(s => s.Pattern.Contains("_7_", StringComparison.Ordinal) || s.Pattern.EndsWith("_*", StringComparison.Ordinal)),
                It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result.Success<IReadOnlyList<Snapshot>>(completed));
        using var client = Reader();
        using var response = await client.GetAsync(DocumentPath);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        _document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [OneTimeTearDown]
    public static async Task StopHostAsync() => await _host.DisposeAsync();

    [Test]
    public void The_document_lists_exactly_the_endpoints_the_service_answers()
    {
        var documented = _document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"))
            .Order(StringComparer.Ordinal);

        // The document and its page describe the API; they are not part of it. Nor is the web console, a page of its own.
        var served = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + e.RoutePattern.RawText!.TrimStart('/'), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]))
            .Where(e => !e.Path.StartsWith("/actuator/openapi", StringComparison.Ordinal) && !e.Path.StartsWith("/actuator/console", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Select(m => $"{m} {e.Path}"))
            .Order(StringComparer.Ordinal);

        Assert.That(documented, Is.EqualTo(served));
    }

    [TestCase("post", "/actuator/backups", new[] { "200", "400", "401", "403", "404", "429", "500", "502" })]
    [TestCase("get", "/actuator/backups", new[] { "200", "400", "401", "404", "429", "500", "502", "503" })]
    [TestCase("get", "/actuator/backups/{backupId}", new[] { "200", "400", "401", "404", "429", "500", "502" })]
    [TestCase("delete", "/actuator/backups/{backupId}", new[] { "204", "400", "401", "403", "404", "429", "500", "502" })]
    [TestCase("get", "/actuator/prometheus", new[] { "200", "401", "429" })]
    [TestCase("get", "/actuator/health", new[] { "200", "401", "429", "503" })]
    [TestCase("head", "/actuator/health", new[] { "200", "401", "429", "503" })]
    [TestCase("get", "/actuator/health/liveness", new[] { "200" })]
    [TestCase("get", "/actuator/health/readiness", new[] { "200", "503" })]
    [TestCase("get", "/actuator/retention", new[] { "200", "401", "404", "429", "500", "502" })]
    public void Every_status_an_endpoint_can_answer_is_documented_with_a_reason(string method, string path, string[] statuses)
    {
        var responses = Operation(method, path)["responses"]!.AsObject();

        Assert.That(responses.Select(r => r.Key).Order(StringComparer.Ordinal), Is.EqualTo(statuses));
        Assert.That(responses.Select(r => (string?)r.Value!["description"]), Has.All.Length.GreaterThan(10));
        // Health and its probes answer DOWN in their own shape, as Spring Boot's actuator does; every other error is a problem.
        foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5' && !(path.StartsWith("/actuator/health", StringComparison.Ordinal) && r.Key == "503")))
        {
            Assert.That(Schema(response!["content"]!["application/problem+json"]!["schema"]!)["required"]!.AsArray().Select(n => (string)n!),
                Is.EquivalentTo(new[] { "type", "title", "status", "detail", "instance", "message" }), $"{method} {path} {status}");
        }
    }

    [Test]
    public void Every_example_fits_its_own_schema()
    {
        var examples = _document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject())
            .SelectMany(operation => operation.Value!["responses"]!.AsObject().Select(r => r.Value!["content"]?["application/json"])
                .Append(operation.Value!["requestBody"]?["content"]?["application/json"]))
            .Where(media => media?["example"] is not null)
            .ToList();
        var errors = new List<string>();
        foreach (var media in examples)
        {
            Validate(media!["example"], media["schema"]!, media.GetPath(), errors);
        }

        Assert.That(examples, Has.Count.EqualTo(8), "four on /actuator/backups, the same four on /actuator/backupHistory");
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void The_body_of_POST_is_documented_as_a_non_negative_64_bit_backupId()
    {
        var body = Operation("post", "/actuator/backups")["requestBody"]!;
        var schema = body["content"]!["application/json"]!["schema"]!;

        Assert.Multiple(() =>
        {
            Assert.That((bool?)body["required"], Is.True);
            Assert.That(schema["required"]!.AsArray().Select(n => (string)n!), Is.EqualTo(new[] { "backupId" }));
            Assert.That((string?)schema["properties"]!["backupId"]!["type"], Is.EqualTo("integer"));
            Assert.That((string?)schema["properties"]!["backupId"]!["format"], Is.EqualTo("int64"));
            Assert.That((long?)schema["properties"]!["backupId"]!["minimum"], Is.EqualTo(0));
        });
    }

    [TestCase("GET", "actuator/backups/7", null, "/actuator/backups/{backupId}")]
    [TestCase("GET", "actuator/backups", null, "/actuator/backups")]
    [TestCase("GET", "actuator/backups/abc", null, "/actuator/backups/{backupId}")]
    [TestCase("GET", "actuator/backups/5", null, "/actuator/backups/{backupId}")]
    [TestCase("GET", "actuator/backups?verbose=maybe", null, "/actuator/backups")]
    [TestCase("POST", "actuator/backups", """{"backupId": "x"}""", "/actuator/backups")]
    [TestCase("DELETE", "actuator/backups/7", null, "/actuator/backups/{backupId}")]
    [TestCase("GET", "actuator/backups/7", "no credentials", "/actuator/backups/{backupId}")]
    public async Task A_real_answer_has_a_documented_status_content_type_and_shape(string method, string uri, string? body, string path)
    {
        using var client = body == "no credentials" ? _host.CreateClient() : Reader();
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (body is not null && method == "POST")
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        var documented = Operation(method.ToLowerInvariant(), path)["responses"]![((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        Assert.That(documented, Is.Not.Null, $"{method} {uri} answered {(int)response.StatusCode}, which is not documented");
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var content = documented!["content"]?.AsObject();
        if (content is null)
        {
            Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
            return;
        }

        Assert.That(content.Select(c => c.Key), Does.Contain(mediaType));
        var errors = new List<string>();
        Validate(JsonNode.Parse(await response.Content.ReadAsStringAsync()), content[mediaType!]!["schema"]!, "$", errors);
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task The_page_shows_the_document_with_scripts_served_by_the_service_itself_so_it_works_offline()
    {
        using var client = Reader();

        using var page = await client.GetAsync("actuator/openapi/ui/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(html, Does.Contain($"\"url\":\"{DocumentPath}\""));
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups["src"].Value).ToList();
        Assert.That(scripts, Is.Not.Empty.And.All.Not.Contains("//"));
        foreach (var script in scripts)
        {
            using var served = await client.GetAsync($"actuator/openapi/ui/{script}");
            Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK), script);
        }
    }

    private static HttpClient Reader()
    {
        var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", ReaderKey);
        return client;
    }

    private static JsonNode Operation(string method, string path) =>
        _document["paths"]?[path]?[method] ?? throw new AssertionException($"{method} {path} is not in the document");

    private static JsonNode Schema(JsonNode schema) =>
        schema["$ref"] is { } reference
            ? _document["components"]!["schemas"]![((string)reference!).Split('/')[^1]]!
            : schema;

    /// <summary>The part of JSON Schema the document uses: types (with null), required, properties, items, enum.</summary>
    private static void Validate(JsonNode? value, JsonNode schemaOrReference, string at, List<string> errors)
    {
        var schema = Schema(schemaOrReference);
        var kind = value switch
        {
            null => "null",
            JsonObject => "object",
            JsonArray => "array",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => "string",
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString().Contains('.', StringComparison.Ordinal) ? "number" : "integer",
            _ => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? "boolean" : "?",
        };
        var allowed = schema["type"] switch
        {
            JsonArray types => types.Select(t => (string)t!).ToList(),
            { } type => [(string)type!],
            null => [],
        };
        if (allowed.Count > 0 && !allowed.Contains(kind) && !(kind == "integer" && allowed.Contains("number")))
        {
            errors.Add($"{at} is {kind}, documented as {string.Join("|", allowed)}");
            return;
        }

        if (schema["enum"] is JsonArray values && value is not null && !values.Any(v => JsonNode.DeepEquals(v, value)))
        {
            errors.Add($"{at} is {value.ToJsonString()}, not one of {values.ToJsonString()}");
        }

        if (value is JsonObject item)
        {
            foreach (var name in schema["required"]?.AsArray().Select(n => (string)n!) ?? [])
            {
                if (!item.ContainsKey(name))
                {
                    errors.Add($"{at}.{name} is required but missing");
                }
            }

            foreach (var (name, property) in item)
            {
                if (schema["properties"]?[name] is { } propertySchema)
                {
                    Validate(property, propertySchema, $"{at}.{name}", errors);
                }
                else
                {
                    errors.Add($"{at}.{name} is not documented");
                }
            }
        }

        if (value is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Validate(array[i], items, $"{at}[{i}]", errors);
            }
        }
    }

    [GeneratedRegex("<script[^>]* src=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSource();
}
