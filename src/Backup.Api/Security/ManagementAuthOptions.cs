namespace Backup.Api.Security;

/// <summary>What a caller may do: read backups, or also create and delete them.</summary>
public enum AccessRights
{
    Read,
    Write,
}

/// <summary>
/// <c>Management:Auth</c>: API keys and basic-auth users allowed on the management port. Empty (the default, as in
/// the original) leaves the port open.
/// </summary>
public sealed class ManagementAuthOptions
{
    public const string Section = "Management:Auth";

    public List<ApiKeyCredential> ApiKeys { get; init; } = [];

    public List<UserCredential> Users { get; init; } = [];

    public bool IsEnabled => ApiKeys.Count > 0 || Users.Count > 0;
}

public sealed class ApiKeyCredential
{
    /// <summary>Who holds the key, for the log; the key itself is never logged.</summary>
    public string Name { get; init; } = "";

    public string Key { get; init; } = "";

    public AccessRights Rights { get; init; } = AccessRights.Read;
}

public sealed class UserCredential
{
    public string Username { get; init; } = "";

    public string Password { get; init; } = "";

    public AccessRights Rights { get; init; } = AccessRights.Read;
}
