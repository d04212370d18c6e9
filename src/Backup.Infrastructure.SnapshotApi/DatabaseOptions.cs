namespace Backup.Infrastructure.SnapshotApi;

/// <summary>Which engine the service talks to.</summary>
public enum DatabaseType
{
    Elasticsearch,
    OpenSearch,
}

/// <summary>The <c>Database</c> configuration section: where the engine is and how to reach it.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseType Type { get; set; } = DatabaseType.Elasticsearch;

    public Uri Url { get; set; } = new("http://localhost:9200");

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>An engine API key, sent as <c>Authorization: ApiKey &lt;key&gt;</c> (Elasticsearch's encoded form).</summary>
    public string? ApiKey { get; set; }

    /// <summary>A PEM file with the CA that signed the engine's HTTPS certificate, when it is not a public one.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>How long one engine call may take before it counts as the engine being unreachable.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a failed read (never a create or delete) is tried again.</summary>
    public int ReadRetries { get; set; } = 2;

    public string EngineName => Type == DatabaseType.OpenSearch ? "OpenSearch" : "Elasticsearch";
}
