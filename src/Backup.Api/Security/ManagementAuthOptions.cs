namespace Backup.Api.Security;

/// <summary>What a caller may do: read backups, or also create and delete them.</summary>
public enum AccessRights
{
    Read,
    Write,
}

/// <summary>
/// <c>Management:Auth</c>: API keys and basic-auth users allowed on the management port. Absent (the default, as in
/// the original) leaves the port open; <see cref="ManagementAuthSettings"/> reads it.
/// </summary>
public sealed class ManagementAuthOptions
{
    public const string Section = "Management:Auth";

    public IReadOnlyList<ApiKeyCredential> ApiKeys { get; init; } = [];

    public IReadOnlyList<UserCredential> Users { get; init; } = [];

    public bool IsEnabled => ApiKeys.Count > 0 || Users.Count > 0;
}

/// <param name="Name">Who holds the key, for the log; the key itself is never logged.</param>
public sealed record ApiKeyCredential(string Name, string Key, AccessRights Rights);

public sealed record UserCredential(string Username, string Password, AccessRights Rights);
