namespace Backup.Api.Security;

/// <summary>
/// Reads <c>Management:</c> strictly, by hand rather than with the configuration binder: the binder drops an entry it
/// cannot read (<c>Rights=ReadWrite</c>, a misspelt key) without a word, and with no entry left the port would be
/// open. Every entry loads exactly as written, or start-up stops with one line naming the setting.
/// </summary>
public static class ManagementAuthSettings
{
    /// <summary>The shortest API key or password accepted (README, docs/reliability.md).</summary>
    public const int MinimumSecretLength = 16;

    private static readonly Dictionary<string, string[]> KnownKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Management"] = ["Server", "Auth"],
        ["Management:Server"] = ["Port", "Address"],
        [ManagementAuthOptions.Section] = ["ApiKeys", "Users"],
        ["Management:Auth:ApiKeys:N"] = ["Name", "Key", "Rights"],
        ["Management:Auth:Users:N"] = ["Username", "Password", "Rights"],
    };

    public static ManagementAuthOptions Read(IConfiguration configuration, List<string> problems)
    {
        var problemsBefore = problems.Count;
        ReportUnknownKeys(configuration.GetSection("Management"), "Management", problems);
        ReportUnknownKeys(configuration.GetSection("Management:Server"), "Management:Server", problems);
        var section = configuration.GetSection(ManagementAuthOptions.Section);
        ReportUnknownKeys(section, ManagementAuthOptions.Section, problems);

        var keys = Entries(section, "ApiKeys", "Name", "Key", (name, key, rights) => new ApiKeyCredential(name, key, rights), problems);
        var users = Entries(section, "Users", "Username", "Password", (name, password, rights) => new UserCredential(name, password, rights), problems);

        if (section.Exists() && keys.Count == 0 && users.Count == 0 && problems.Count == problemsBefore)
        {
            problems.Add("Management:Auth is present but holds no API key or user: add Management:Auth:ApiKeys:0:Name, :Key and :Rights, or remove Management:Auth to leave the port open");
        }

        return new ManagementAuthOptions { ApiKeys = keys, Users = users };
    }

    /// <summary>The entries of one list (API keys or users) that load exactly as written; a problem for each that does not.</summary>
    private static List<T> Entries<T>(
        IConfigurationSection section, string list, string nameKey, string secretKey, Func<string, string, AccessRights, T> create, List<string> problems)
    {
        var entries = new List<T>();
        foreach (var entry in section.GetSection(list).GetChildren())
        {
            ReportUnknownKeys(entry, $"{ManagementAuthOptions.Section}:{list}:N", problems);
            var name = Required(entry, nameKey, problems);
            var secret = Secret(entry, secretKey, problems);
            var rights = RightsOf(entry, problems);
            if (name is not null && secret is not null && rights is not null)
            {
                entries.Add(create(name, secret, rights.Value));
            }
        }

        return entries;
    }

    private static void ReportUnknownKeys(IConfigurationSection section, string knownAs, List<string> problems)
    {
        var known = KnownKeys[knownAs];
        foreach (var child in section.GetChildren().Where(c => !known.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add($"{child.Path} is not a setting: {knownAs} takes {string.Join(", ", known)}");
        }
    }

    private static string? Required(IConfigurationSection entry, string key, List<string> problems)
    {
        if (entry[key] is { Length: > 0 } value)
        {
            return value;
        }

        problems.Add($"{entry.Path}:{key} is missing: every entry of {entry.Path[..entry.Path.LastIndexOf(':')]} needs one");
        return null;
    }

    private static string? Secret(IConfigurationSection entry, string key, List<string> problems)
    {
        var value = Required(entry, key, problems);
        if (value is { Length: < MinimumSecretLength })
        {
            problems.Add($"{entry.Path}:{key} must be at least {MinimumSecretLength} characters long");
            return null;
        }

        return value;
    }

    /// <summary>Exactly Read or Write (any case); not a number or a list, which the enum parser would take.</summary>
    private static AccessRights? RightsOf(IConfigurationSection entry, List<string> problems)
    {
        switch (entry["Rights"])
        {
            case null:
                return AccessRights.Read;
            case var text when text.Equals(nameof(AccessRights.Read), StringComparison.OrdinalIgnoreCase):
                return AccessRights.Read;
            case var text when text.Equals(nameof(AccessRights.Write), StringComparison.OrdinalIgnoreCase):
                return AccessRights.Write;
            default:
                problems.Add($"{entry.Path}:Rights must be exactly Read or Write");
                return null;
        }
    }
}
