using System.Text.Json.Nodes;
using Backup.Api.Contracts;
using Backup.Api.Operations;
using Backup.Domain;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Backup.Api.Observability;

/// <summary>
/// The management API's OpenAPI document at <c>/actuator/openapi/backups.json</c>, and an interactive page to read and
/// try it at <c>/actuator/openapi/ui</c> (Scalar, whose script is served by the service itself: it works offline).
/// </summary>
public static class ApiDocument
{
    public const string Name = "backups";

    public const string Path = "/actuator/openapi/{documentName}.json";

    public const string PagePath = "/actuator/openapi/ui";

    private const string ApiKeyScheme = "apiKey";

    private const string BasicScheme = "basic";

    private static readonly string[] BackupStates = [.. Enum.GetValues<BackupState>().Select(s => s.Name())];

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            options.AddDocumentTransformer((document, _, _) => DescribeAsync(document));
            options.AddOperationTransformer((operation, context, _) => CompleteAsync(operation, context));
            options.AddSchemaTransformer((schema, context, _) => TightenAsync(schema, context));
        });

    public static void MapApiDocument(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(Path);
        endpoints.MapScalarApiReference(PagePath, page => page
            .WithTitle("Backup Management API")
            .WithOpenApiRoutePattern(Path)
            .AddDocument(Name)
            .DisableDefaultFonts()
            .DisableTelemetry());
    }

    private static Task DescribeAsync(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Backup Management API",
            Version = "8.7",
            Description = "The Backup Management API of Camunda 8 Operate and Tasklist, on the management port (9600). "
                + "Errors are application/problem+json with the original's `message` field (equal to `detail`). "
                + "When Management:Auth is configured, send an API key (`Authorization: ApiKey <key>` or `X-API-Key`) or a basic-auth user; "
                + "reads need Read rights, POST and DELETE Write rights.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-API-Key",
                Description = "A key from Management:Auth:ApiKeys; `Authorization: ApiKey <key>` works too.",
            },
            [BasicScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "A user from Management:Auth:Users.",
            },
        };

        // Credentials are needed only when Management:Auth is configured: the empty requirement says "or none".
        document.Security =
        [
            new OpenApiSecurityRequirement(),
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BasicScheme, document)] = [] },
        ];

        // Endpoints outside MVC, which the document generator cannot see.
        var metrics = Plain(document, "The service's metrics in Prometheus text format.", Metrics.Path, "text/plain",
            new OpenApiSchema { Type = JsonSchemaType.String },
            ("200", "backup_backups_total, backup_part_duration_seconds, backup_last_completed_timestamp_seconds, "
                + "backup_time_since_last_completed_seconds, backup_engine_request_duration_seconds, backup_engine_errors_total, backup_listings_total, "
                + "http_server_request_duration_seconds."));
        document.Paths.Add(Metrics.Path, new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = metrics } });

        const string HealthPath = "/actuator/health";
        OpenApiOperation Health() => Plain(document, "The service's health in Spring Boot actuator's shape: engine, repository, schedule.", HealthPath,
            "application/json", HealthSchema,
            ("200", "UP: the engine answers and the repository exists."),
            ("503", "DOWN: the engine cannot be reached or refuses the service, or the repository is not configured or missing; details.error says which."));
        var head = Health();
        head.OperationId = OperationId(HttpMethods.Head, HealthPath);
        document.Paths.Add(HealthPath, new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = Health(), [HttpMethod.Head] = head },
        });
        AddProbe(document, ActuatorHealth.AnonymousProbes[0], "Liveness: whether the process answers; no check runs.",
            ("200", "UP: the process answers (Kubernetes restarts it when it does not)."));
        AddProbe(document, ActuatorHealth.AnonymousProbes[1], "Readiness: whether backup calls can work now.",
            ("200", "UP: the engine answers and the repository exists."),
            ("503", "DOWN: the engine cannot be reached or refuses the service, or the repository is missing."));
        return Task.CompletedTask;
    }

    /// <summary>A Kubernetes probe: status only, and no credentials needed, so neither 401 nor 429.</summary>
    private static void AddProbe(OpenApiDocument document, string path, string summary, params (string Status, string Why)[] answers)
    {
        OpenApiOperation Probe()
        {
            var probe = Plain(document, summary + " Status only, without credentials.", path, "application/json",
                new OpenApiSchema { Type = JsonSchemaType.Object, Required = new HashSet<string> { "status" }, Properties = new Dictionary<string, IOpenApiSchema> { ["status"] = UpOrDown } },
                answers);
            probe.Responses!.Remove("401");
            probe.Responses.Remove("429");
            return probe;
        }

        var head = Probe();
        head.OperationId = OperationId(HttpMethods.Head, path);
        document.Paths.Add(path, new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = Probe(), [HttpMethod.Head] = head },
        });
    }

    private static OpenApiOperation Plain(
        OpenApiDocument document, string summary, string path, string mediaType, IOpenApiSchema schema, params (string Status, string Why)[] answers)
    {
        var responses = new OpenApiResponses();
        foreach (var (status, why) in answers)
        {
            responses[status] = new OpenApiResponse
            {
                Description = why,
                Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = new() { Schema = schema } },
            };
        }

        foreach (var status in new[] { "401", "429" })
        {
            responses[status] = new OpenApiResponse
            {
                Description = Why(status, "GET", path),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [Problems.ContentType] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemResponse), document) },
                    [Problems.JsonContentType] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemResponse), document) },
                },
            };
        }
        return new OpenApiOperation
        {
            OperationId = OperationId(HttpMethods.Get, path),
            Summary = summary,
            Tags = new HashSet<OpenApiTagReference> { new("Observability", document) },
            Responses = responses,
        };
    }

    private static OpenApiSchema HealthSchema => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "status", "components" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["status"] = UpOrDown,
            ["components"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "status" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["status"] = UpOrDown,
                        ["details"] = new OpenApiSchema { Type = JsonSchemaType.Object },
                    },
                },
            },
        },
    };

    private static OpenApiSchema UpOrDown => new() { Type = JsonSchemaType.String, Enum = [JsonValue.Create("UP"), JsonValue.Create("DOWN")] };

    /// <summary>Adds what MVC cannot see: the body POST reads itself, the answers of the auth middleware, and why each status comes.</summary>
    private static Task CompleteAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var method = context.Description.HttpMethod ?? "GET";
        var isCreate = HttpMethods.IsPost(method);
        var path = context.Description.RelativePath ?? "";
        if (isCreate)
        {
            operation.RequestBody = path.StartsWith(PlatformPath, StringComparison.Ordinal) ? PlatformCreateBody : CreateBody;
        }

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            (parameter.Description, parameter.Schema) = parameter.Name switch
            {
                "backupId" => ("The backup's id, a non-negative integer.", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" }),
                "verbose" => ("false reads names and states only (no start times, no failures): much cheaper on large repositories.",
                    new OpenApiSchema { Type = JsonSchemaType.Boolean, Default = true }),
                "pattern" => ("An id (123), or digits ending with * (12*) for every id starting with them; * or empty for every backup.", new OpenApiSchema { Type = JsonSchemaType.String }),
                _ => (parameter.Description, parameter.Schema),
            };
        }

        operation.Responses ??= [];
        if (operation.Responses.Values.FirstOrDefault(r => r.Content?.ContainsKey(Problems.ContentType) == true)?.Content is { } problem)
        {
            operation.Responses["401"] = new OpenApiResponse { Content = problem };
            operation.Responses["429"] = new OpenApiResponse { Content = problem };
            if (!HttpMethods.IsGet(method))
            {
                operation.Responses["403"] = new OpenApiResponse { Content = problem };
            }
        }

        operation.OperationId = OperationId(method, path);
        foreach (var (status, response) in operation.Responses)
        {
            if (response is OpenApiResponse described)
            {
                described.Description = Why(status, method, path);
            }
        }

        if (path.StartsWith("actuator/backup", StringComparison.Ordinal)
            && operation.Responses.TryGetValue("200", out var ok) && ok.Content is { } content && content.TryGetValue("application/json", out var json))
        {
            json.Example = (method, path.EndsWith('}')) switch
            {
                ("POST", _) => new JsonObject { ["scheduledSnapshots"] = new JsonArray([.. Enumerable.Range(1, 6).Select(n => (JsonNode)Part(n))]) },
                (_, true) => ExampleBackup(),
                _ => new JsonArray(ExampleBackup()),
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Unique for each method and path, as client generators need (one action serves both backup roots): createBackup,
    /// listBackups, getBackup, deleteBackup, the same with BackupHistory, getRetention, getPrometheus, getHealth, headHealth, getHealthLiveness, ….
    /// </summary>
    private static string OperationId(string method, string path)
    {
        var literals = path.TrimStart('/').Split('/').Skip(1).Where(s => !s.StartsWith('{')).ToList();
        var root = literals[0];
        var noun = string.Concat(literals.Select(s => s == "backups" ? "Backup" : char.ToUpperInvariant(s[0]) + s[1..]));
        var verb = method.ToUpperInvariant() switch
        {
            "POST" => "create",
            "DELETE" => "delete",
            "HEAD" => "head",
            _ when (root.StartsWith("backup", StringComparison.Ordinal) || root == "platform") && !path.EndsWith('}') => "list",
            _ => "get",
        };
        return verb + noun + (root == "backups" && verb == "list" ? "s" : "");
    }

    private static string Why(string status, string method, string path) => path.StartsWith(PlatformPath, StringComparison.Ordinal)
        ? PlatformWhy(status, method, path)
        : (status, method) switch
        {
            ("200", _) when path.EndsWith("retention", StringComparison.Ordinal) =>
                "What the next retention run would delete, oldest first, each with the rule that expired it; asking deletes nothing.",
            ("404", _) when path.EndsWith("retention", StringComparison.Ordinal) =>
                "No repository configured, or the configured repository is missing in the engine.",
            ("200", "POST") => "The backup started: the names of all its part snapshots. The parts are taken one after another in the background.",
            ("200", _) when path.EndsWith('}') => "The backup's state (COMPLETED, IN_PROGRESS, FAILED, INCOMPATIBLE or INCOMPLETE) and each part's snapshot.",
            ("200", _) => "Every backup, the most recently started first (with verbose=false: highest id first).",
            ("204", _) => "Every existing part of the backup was deleted.",
            ("400", "POST") => "backupId missing, not an integer (a JSON number or a string of digits), negative or beyond 64 bits; broken JSON or a body that is not {\"backupId\": N}; "
                + "a backup with that id exists; another backup is still running.",
            ("400", _) when path.EndsWith('}') => "The backup id is not a non-negative integer.",
            ("400", _) => "A bad pattern or verbose.",
            ("401", _) => "Management:Auth is configured and the request carries no valid API key or user.",
            ("403", _) => "The credentials have Read rights only; this method needs Write; or a browser request for a host name that is not loopback nor in AllowedHosts.",
            ("429", _) => "Too many failed authentications from this client within a minute: wait Retry-After seconds.",
            ("503", _) => "Too many listings at once: retry after Retry-After seconds.",
            ("404", _) when path.EndsWith('}') => "No backup of that id; no repository configured; the configured repository is missing in the engine.",
            ("404", _) => "No repository configured, or the configured repository is missing in the engine.",
            ("500", _) => "The engine answered with an error (its type and reason are in the message), or required indices are missing.",
            ("502", _) => "The engine cannot be reached (refused, reset, or no answer in time): retry later.",
            _ => status,
        };

    private const string PlatformPath = "actuator/platform";

    private static string PlatformWhy(string status, string method, string path) => (status, method) switch
    {
        ("202", _) => "The platform backup started: its id and its steps, in the version's order.",
        ("200", _) when path.EndsWith('}') => "The platform backup's state (COMPLETED, IN_PROGRESS, FAILED or INCOMPLETE), the step it reached, and each component's own state.",
        ("200", _) => "Every platform backup, the highest id first.",
        ("204", _) => "Every component's backup of that id, the records snapshot and the record were deleted.",
        ("400", "POST") => "backupId not a whole number above 0, or not above every earlier platform backup's id; another platform backup is being taken.",
        ("400", "DELETE") => "The id is not a whole number, or the platform backup is still being taken.",
        ("400", _) => "The id is not a whole number.",
        ("404", _) => "Platform backups are not configured (Platform:Version), or there is no platform backup of that id.",
        ("500", _) => "A component or the engine answered with an error.",
        ("502", _) => "A component or the engine cannot be reached: retry later.",
        _ => Why(status, method, "actuator/backups" + (path.EndsWith('}') ? "/{backupId}" : "")),
    };

    private static OpenApiRequestBody PlatformCreateBody => new()
    {
        Required = false,
        Description = "The platform backup's id, above every earlier one (Zeebe never reuses an id); left out: now, as unix seconds.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Title = "CreatePlatformBackupRequest",
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["backupId"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1" },
                    },
                },
            },
        },
    };

    private static string Part(int number) => $"camunda_operate_123_8.7.0_part_{number}_of_6";

    private static JsonObject ExampleBackup() => new()
    {
        ["backupId"] = 123,
        ["state"] = "COMPLETED",
        ["failureReason"] = null,
        ["details"] = new JsonArray(
        [
            .. Enumerable.Range(1, 6).Select(n => (JsonNode)new JsonObject
            {
                ["snapshotName"] = Part(n),
                ["state"] = "SUCCESS",
                ["startTime"] = $"2026-11-24T10:1{n}:10.100+0000",
                ["failures"] = new JsonArray(),
            }),
        ]),
    };

    private static OpenApiRequestBody CreateBody => new()
    {
        Required = true,
        Description = "The new backup's id: a non-negative integer (64 bits) not used by any existing backup. A string of digits (\"123\") is read as the number, and other fields are ignored, as the original did.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Title = "CreateBackupRequest",
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "backupId" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["backupId"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
                    },
                },
                Example = new JsonObject { ["backupId"] = 123 },
            },
        },
    };

    /// <summary>
    /// The answers always carry every field (null where there is nothing) but <c>component</c>, which only the webapps
    /// profile writes, and a backup's state is one of five words.
    /// </summary>
    private static Task TightenAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        var type = context.JsonTypeInfo.Type;
        if (type.Namespace == typeof(ProblemResponse).Namespace && schema.Properties is { Count: > 0 } properties)
        {
            schema.Required = new HashSet<string>(properties.Keys.Where(k => k != "component"));
        }

        if (type == typeof(BackupStateResponse) && schema.Properties?["component"] is OpenApiSchema component)
        {
            component.Description = "Written by the webapps profile only (Camunda 8.8): webapps, or operate / tasklist for a backup from 8.7.";
        }

        // The answers write numbers as JSON numbers; reading them from strings is the serializer's lenience, not the contract.
        if (schema.Type == (JsonSchemaType.Integer | JsonSchemaType.String) && schema.Format is "int32" or "int64")
        {
            schema.Type = JsonSchemaType.Integer;
            schema.Pattern = null;
        }

        if (type == typeof(BackupStateResponse) && schema.Properties?["state"] is OpenApiSchema state)
        {
            state.Enum = [.. BackupStates.Select(s => (JsonNode)s)];
        }

        if (type == typeof(ProblemResponse) && schema.Properties?["message"] is OpenApiSchema message)
        {
            message.Description = "The original API's error field; equal to detail.";
        }

        return Task.CompletedTask;
    }
}
