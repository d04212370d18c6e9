namespace Backup.EngineEmulator;

/// <summary>One request as the emulator received it, before any fault applied.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>What a snapshot ends as.</summary>
public enum SnapshotOutcome
{
    Success,
    Failed,
    Partial,
    Incompatible,
    InProgress,
}

/// <summary>Switches a test flips to make the engine misbehave.</summary>
public sealed class EmulatorFaults
{
    /// <summary>Every request waits this long before it is answered (ended early when the caller gives up).</summary>
    public TimeSpan? Hang { get; set; }

    /// <summary>Every request is answered with this status and the engine's error envelope.</summary>
    public int? StatusCode { get; set; }

    /// <summary>Every request's connection is cut without an answer.</summary>
    public bool DropConnections { get; set; }

    /// <summary>When set, <see cref="Hang"/>, <see cref="StatusCode"/> and <see cref="DropConnections"/> apply only to matching requests.</summary>
    public Func<RecordedRequest, bool>? Only { get; set; }

    /// <summary>When set, requests without these basic-auth credentials are refused with 401.</summary>
    public (string User, string Password)? RequireBasicAuth { get; set; }

    /// <summary>When set, requests without <c>Authorization: ApiKey &lt;key&gt;</c> carrying this key are refused with 401.</summary>
    public string? RequireApiKey { get; set; }

    /// <summary>Creating a snapshot beyond this many running ones is refused with 503, like the engine's limit.</summary>
    public int MaxConcurrentOperations { get; set; } = 1000;

    public void Reset()
    {
        Hang = null;
        StatusCode = null;
        DropConnections = false;
        Only = null;
        RequireBasicAuth = null;
        RequireApiKey = null;
        MaxConcurrentOperations = 1000;
    }

    internal bool AppliesTo(RecordedRequest request) => Only is null || Only(request);
}
