using System.Text;
using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary><c>_snapshot</c>: repositories, and snapshots' create, get, delete and restore; the other calls route to their own files.</summary>
internal static class SnapshotRoutes
{
    private static readonly System.Buffers.SearchValues<char> ForbiddenInNames = System.Buffers.SearchValues.Create("\\/*?\"<>| ,#");

    public static Task HandleAsync(Call call) => (call.Method, call.Segments) switch
    {
        ("GET", [_]) => RepositoryListRoute.HandleAsync(call, "_all"),
        ("GET", [_, "_status"]) => SnapshotStatusRoute.HandleAsync(call, null, null),
        ("GET", [_, var repository]) => RepositoryListRoute.HandleAsync(call, repository),
        ("PUT" or "POST", [_, var repository]) => PutRepositoryAsync(call, repository),
        ("DELETE", [_, var repository]) => DeleteRepositoryAsync(call, repository),
        ("POST", [_, var repository, "_verify"]) => VerifyRepositoryAsync(call, repository),
        ("POST", [_, var repository, "_cleanup"]) => RepositoryCleanupRoute.HandleAsync(call, repository),
        ("GET", [_, var repository, "_status"]) => SnapshotStatusRoute.HandleAsync(call, repository, null),
        ("PUT", [_, var repository, var source, "_clone", var target]) => SnapshotCloneRoute.HandleAsync(call, repository, source, target),
        ("PUT" or "POST", [_, var repository, var snapshot]) => CreateAsync(call, repository, snapshot),
        ("GET", [_, var repository, var snapshots]) => GetAsync(call, repository, snapshots),
        ("DELETE", [_, var repository, var snapshots]) => DeleteAsync(call, repository, snapshots),
        ("GET", [_, var repository, var snapshots, "_status"]) => SnapshotStatusRoute.HandleAsync(call, repository, snapshots),
        ("POST", [_, var repository, var snapshot, "_restore"]) => RestoreAsync(call, repository, snapshot),
        _ => call.NoHandlerAsync(),
    };

    private static Task PutRepositoryAsync(Call call, string repository)
    {
        var body = call.JsonBody();
        if (body?["type"] is null)
        {
            return call.ErrorAsync(400, "action_request_validation_exception", "Validation Failed: 1: type is missing;");
        }

        lock (call.State.Gate)
        {
            call.State.Repositories.TryAdd(repository, new Dictionary<string, EmulatedSnapshot>(StringComparer.Ordinal));
        }

        return call.AcknowledgedAsync();
    }

    private static Task VerifyRepositoryAsync(Call call, string repository)
    {
        lock (call.State.Gate)
        {
            if (!call.State.Repositories.ContainsKey(repository))
            {
                return RepositoryMissingAsync(call, repository);
            }
        }

        return call.OkAsync(new JsonObject { ["nodes"] = new JsonObject { ["emulatorNodeId000000A"] = new JsonObject { ["name"] = "emulator-node-1" } } });
    }

    private static Task DeleteRepositoryAsync(Call call, string repository)
    {
        lock (call.State.Gate)
        {
            if (!call.State.Repositories.Remove(repository))
            {
                return RepositoryMissingAsync(call, repository);
            }
        }

        return call.AcknowledgedAsync();
    }

    private static async Task CreateAsync(Call call, string repository, string name)
    {
        var body = call.JsonBody() ?? [];
        var (snapshot, error) = Create(call, repository, name, body);
        if (error is not null)
        {
            await call.ErrorAsync(error);
            return;
        }

        if (!call.Flag("wait_for_completion"))
        {
            await call.OkAsync(new JsonObject { ["accepted"] = true });
            return;
        }

        while (true)
        {
            lock (call.State.Gate)
            {
                call.State.Advance(snapshot!);
                if (!snapshot!.IsRunning)
                {
                    break;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), call.Http.RequestAborted);
        }

        JsonObject info;
        lock (call.State.Gate)
        {
            info = Wire.Snapshot(call.Flavor, snapshot, verbose: true, human: call.Flag("human"));
        }

        await call.OkAsync(new JsonObject { ["snapshot"] = info });
    }

    private static (EmulatedSnapshot? Snapshot, JsonObject? Error) Create(Call call, string repository, string name, JsonObject body)
    {
        var known = new[] { "indices", "ignore_unavailable", "include_global_state", "partial", "metadata", "expand_wildcards", "allow_no_indices" };
        if (body.Select(p => p.Key).FirstOrDefault(k => !known.Contains(k) && !(k == "feature_states" && !call.Flavor.IsOpenSearch())) is { } unknown)
        {
            return (null, Wire.Error(400, "illegal_argument_exception", $"Unknown parameter {unknown}"));
        }

        if (InvalidNameReason(name) is { } invalid)
        {
            return (null, Wire.Error(400, "invalid_snapshot_name_exception", $"[{repository}:{name}] Invalid snapshot name [{name}], {invalid}"));
        }

        lock (call.State.Gate)
        {
            if (!call.State.Repositories.TryGetValue(repository, out var snapshots))
            {
                return (null, RepositoryMissing(repository));
            }

            if (snapshots.TryGetValue(name, out var existing))
            {
                call.State.Advance(existing);
                var why = existing.IsRunning ? "snapshot with the same name is already in-progress" : "snapshot with the same name already exists";
                return (null, Wire.Error(400, call.Flavor.NameInUseType(), $"[{repository}:{name}] Invalid snapshot name [{name}], {why}"));
            }

            var running = call.State.RunningCount();
            if (running >= call.Faults.MaxConcurrentOperations)
            {
                return (null, Wire.Error(503, "concurrent_snapshot_execution_exception",
                    $"[{repository}:{name}] Cannot start another operation, already running [{running}] operations and the current limit for concurrent snapshot operations is set to [{call.Faults.MaxConcurrentOperations}]"));
            }

            var (indices, missing) = NameExpression.Resolve(
                Expression(body["indices"]), [.. call.State.Indices.Keys], body["ignore_unavailable"]?.GetValue<bool>() ?? false);
            if (missing is not null)
            {
                return (null, Wire.IndexNotFound(missing));
            }

            var snapshot = new EmulatedSnapshot
            {
                Name = name,
                Repository = repository,
                Indices = indices,
                IncludeGlobalState = body["include_global_state"]?.GetValue<bool>() ?? true,
                Metadata = body["metadata"]?.DeepClone() as JsonObject,
                Aliases = indices.ToDictionary(i => i, i => call.State.TraitsOf(i).Aliases.ToArray()),
                Start = call.State.NextStart(),
            };
            snapshots[name] = snapshot;
            return (snapshot, null);
        }
    }

    private static Task GetAsync(Call call, string repository, string expression)
    {
        var verbose = call.Flag("verbose", fallback: true);
        if (call.Flavor.PagesSnapshots() && (SnapshotPage.InvalidNumber(call) ?? SnapshotPage.InvalidWithoutVerbose(call, verbose)) is { } invalid)
        {
            return call.ErrorAsync(invalid);
        }

        var human = call.Flag("human");
        JsonObject answer;
        lock (call.State.Gate)
        {
            if (!call.State.Repositories.TryGetValue(repository, out var snapshots))
            {
                return RepositoryMissingAsync(call, repository);
            }

            foreach (var snapshot in snapshots.Values)
            {
                call.State.Advance(snapshot);
            }

            IReadOnlyList<EmulatedSnapshot> matching;
            if (expression == "_current")
            {
                matching = [.. snapshots.Values.Where(s => s.IsRunning)];
            }
            else
            {
                var (names, missing) = NameExpression.Resolve(NameExpression.Split(expression), [.. snapshots.Keys], call.Flag("ignore_unavailable"));
                if (missing is not null)
                {
                    return call.ErrorAsync(SnapshotMissing(repository, missing));
                }

                matching = [.. names.Select(n => snapshots[n])];
            }

            answer = call.Flavor.PagesSnapshots()
                ? SnapshotPage.Answer(call, matching, verbose, human)
                : new JsonObject { ["snapshots"] = new JsonArray([.. matching.OrderBy(s => s.Start).Select(s => Wire.Snapshot(call.Flavor, s, verbose, human))]) };
            SnapshotInfoOptions.Apply(call, answer, verbose);
        }

        return call.Flavor.StreamsListings() ? call.StreamAsync(answer) : call.OkAsync(answer);
    }

    private static Task DeleteAsync(Call call, string repository, string expression)
    {
        lock (call.State.Gate)
        {
            if (!call.State.Repositories.TryGetValue(repository, out var snapshots))
            {
                return RepositoryMissingAsync(call, repository);
            }

            var (names, missing) = NameExpression.Resolve(NameExpression.Split(expression), [.. snapshots.Keys], ignoreUnavailable: false);
            if (missing is not null)
            {
                return call.ErrorAsync(SnapshotMissing(repository, missing));
            }

            foreach (var name in names)
            {
                snapshots.Remove(name);
            }
        }

        return call.AcknowledgedAsync();
    }

    private static Task RestoreAsync(Call call, string repository, string name)
    {
        var body = call.JsonBody() ?? [];
        var restored = new List<string>();
        lock (call.State.Gate)
        {
            if (Find(call, repository, name) is not { } snapshot)
            {
                return call.ErrorAsync(Missing(call, repository, name));
            }

            if (snapshot.State is not (SnapshotOutcome.Success or SnapshotOutcome.Partial))
            {
                return call.ErrorAsync(500, "snapshot_restore_exception", $"[{repository}:{name}/{snapshot.Uuid}] cannot restore snapshot that is not finished successfully");
            }

            var (selected, _) = NameExpression.Resolve(Expression(body["indices"]), snapshot.Indices, ignoreUnavailable: true);
            var pattern = (string?)body["rename_pattern"];
            var replacement = (string?)body["rename_replacement"] ?? "";
            var targets = selected.Select(i => pattern is null ? i : System.Text.RegularExpressions.Regex.Replace(i, pattern, replacement)).ToList();
            if (targets.FirstOrDefault(t => call.State.Indices.ContainsKey(t) && !call.State.TraitsOf(t).Closed) is { } existing)
            {
                return call.ErrorAsync(500, "snapshot_restore_exception",
                    $"[{repository}:{name}/{snapshot.Uuid}] cannot restore index [{existing}] because an open index with same name already exists in the cluster. Either close or delete the existing index or restore the index under a different name by providing a rename pattern and replacement name");
            }

            var includeAliases = body["include_aliases"]?.GetValue<bool>() ?? true;
            foreach (var (source, target) in selected.Zip(targets))
            {
                var uuid = Ids.New();
                call.State.Indices[target] = uuid;
                call.State.Traits[uuid] = new IndexTraits();
                call.State.Traits[uuid].Aliases.UnionWith(includeAliases ? snapshot.Aliases.GetValueOrDefault(source, []) : []);
                restored.Add(target);
            }
        }

        return call.Flag("wait_for_completion")
            ? call.OkAsync(new JsonObject
            {
                ["snapshot"] = new JsonObject
                {
                    ["snapshot"] = name,
                    ["indices"] = Wire.Strings(restored),
                    ["shards"] = new JsonObject { ["total"] = restored.Count, ["failed"] = 0, ["successful"] = restored.Count },
                },
            })
            : call.OkAsync(new JsonObject { ["accepted"] = true });
    }

    /// <summary>The engine's own checks of a snapshot name.</summary>
    internal static string? InvalidNameReason(string name) => name switch
    {
        "" => "cannot be empty",
        _ when name.StartsWith('_') => "must not start with '_'",
        _ when !name.Equals(name.ToLowerInvariant(), StringComparison.Ordinal) => "must be lowercase",
        _ when name.IndexOfAny(ForbiddenInNames) >= 0 => "must not contain the following characters [ , \\, /, *, ?, \", <, >, |, ,, #]",
        _ when Encoding.UTF8.GetByteCount(name) > 255 => "name is too long",
        _ => null,
    };

    internal static IReadOnlyList<string> Expression(JsonNode? indices) => indices switch
    {
        null => [],
        JsonArray array => [.. array.Select(i => (string)i!)],
        _ => NameExpression.Split((string?)indices),
    };

    /// <summary>One snapshot by exact name, brought up to date; null when it or its repository is missing. Holds the gate.</summary>
    internal static EmulatedSnapshot? Find(Call call, string repository, string name)
    {
        if (!call.State.Repositories.TryGetValue(repository, out var snapshots) || !snapshots.TryGetValue(name, out var snapshot))
        {
            return null;
        }

        call.State.Advance(snapshot);
        return snapshot;
    }

    internal static JsonObject Missing(Call call, string repository, string name) => call.State.Repositories.ContainsKey(repository)
        ? SnapshotMissing(repository, name)
        : RepositoryMissing(repository);

    internal static JsonObject SnapshotMissing(string repository, string name) =>
        Wire.Error(404, "snapshot_missing_exception", $"[{repository}:{name}] is missing");

    internal static JsonObject RepositoryMissing(string repository) =>
        Wire.Error(404, "repository_missing_exception", $"[{repository}] missing");

    internal static Task RepositoryMissingAsync(Call call, string repository) => call.ErrorAsync(RepositoryMissing(repository));
}
