using Backup.Domain.Platform;
using Microsoft.Extensions.Options;

namespace Backup.Application.Platform;

/// <summary>
/// The <c>Platform</c> configuration section: the whole Camunda 8 deployment this service backs up as one. Unset
/// <see cref="Version"/> turns platform backups off; once set, every component of the version is named, with its
/// management URL or <c>none</c> when it is not deployed, never left out silently. The records snapshot and the run
/// records go to the engine of <c>Database</c>, into <c>Backup:RepositoryName</c>.
/// </summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>The Camunda version line: 8.6, 8.7 or 8.8.</summary>
    public string? Version { get; set; }

    /// <summary>Zeebe's management port: the 8.7 gateway, or 8.8's unified app (<c>http://camunda:9600</c>).</summary>
    public ComponentEndpoint Zeebe { get; set; } = new();

    public ComponentEndpoint Operate { get; set; } = new();

    public ComponentEndpoint Tasklist { get; set; } = new();

    /// <summary>8.8's unified app, whose <c>actuator/backupHistory</c> backs Operate, Tasklist and identity up as one.</summary>
    public ComponentEndpoint Webapps { get; set; } = new();

    public ComponentEndpoint Optimize { get; set; } = new();

    /// <summary>The Zeebe Elasticsearch/OpenSearch exporter's index prefix; the records snapshot takes <c>{prefix}*</c>.</summary>
    public string ZeebeRecordPrefix { get; set; } = "zeebe-record";

    /// <summary>The engine index holding one record per platform backup and the lock of the one running.</summary>
    public string RecordIndex { get; set; } = "backup-platform";

    /// <summary>How long to wait between two looks at a component's backup (the docs' loops use 5 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one step may take before it fails the platform backup.</summary>
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// How long a run's lock stays the running replica's without being renewed: a replica that stopped is noticed this
    /// long after, and exporting resumed then at the latest.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a failed resume is repeated, with growing waits, before recovery takes it over.</summary>
    public int ResumeAttempts { get; set; } = 8;

    public bool IsEnabled => !string.IsNullOrEmpty(Version);

    public PlatformLine Line => PlatformNames.TryParseLine(Version, out var line) ? line : PlatformLine.V87;

    /// <summary>The components whose endpoint this version uses, deployed or not.</summary>
    public IReadOnlyList<PlatformComponent> ExpectedComponents => Line == PlatformLine.V88
        ? [PlatformComponent.Zeebe, PlatformComponent.Webapps, PlatformComponent.Optimize]
        : [PlatformComponent.Zeebe, PlatformComponent.Operate, PlatformComponent.Tasklist, PlatformComponent.Optimize];

    /// <summary>The components deployed: expected, and not <c>none</c>.</summary>
    public IReadOnlyList<PlatformComponent> Deployed => [.. ExpectedComponents.Where(c => !Endpoint(c).IsNone)];

    public ComponentEndpoint Endpoint(PlatformComponent component) => component switch
    {
        PlatformComponent.Zeebe => Zeebe,
        PlatformComponent.Operate => Operate,
        PlatformComponent.Tasklist => Tasklist,
        PlatformComponent.Webapps => Webapps,
        PlatformComponent.Optimize => Optimize,
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, null),
    };
}

/// <summary>One component's management endpoint and, where it asks for them, basic-auth credentials.</summary>
public sealed class ComponentEndpoint
{
    public const string NotDeployed = "none";

    /// <summary>The management URL (with any context path), or <c>none</c> when the component is not deployed.</summary>
    public string? Url { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool IsNone => string.Equals(Url, NotDeployed, StringComparison.OrdinalIgnoreCase);

    public bool IsSet => !string.IsNullOrWhiteSpace(Url);
}

/// <summary>Checks the <c>Platform</c> section once, at start-up; every problem is named with the key to fix.</summary>
public sealed class PlatformOptionsValidator : IValidateOptions<PlatformOptions>
{
    public ValidateOptionsResult Validate(string? name, PlatformOptions options)
    {
        if (!options.IsEnabled)
        {
            var stray = Enum.GetValues<PlatformComponent>().Where(c => options.Endpoint(c).IsSet).Select(c => $"Platform:{c}:Url").ToList();
            return stray.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{string.Join(", ", stray)} set but Platform:Version is not: set it to 8.6, 8.7 or 8.8 to take platform backups");
        }

        if (!PlatformNames.TryParseLine(options.Version, out _))
        {
            return ValidateOptionsResult.Fail($"Platform:Version '{options.Version}' is not a supported version line: use 8.6, 8.7 or 8.8");
        }

        var problems = new List<string>();
        foreach (var component in Enum.GetValues<PlatformComponent>())
        {
            var endpoint = options.Endpoint(component);
            var key = $"Platform:{component}:Url";
            if (!options.ExpectedComponents.Contains(component))
            {
                if (endpoint.IsSet)
                {
                    problems.Add(component == PlatformComponent.Webapps
                        ? $"{key} is 8.8's unified app; with Platform:Version {options.Version} set Platform:Operate:Url and Platform:Tasklist:Url instead"
                        : $"{key}: with Platform:Version 8.8, Operate and Tasklist are backed up by the unified app; set Platform:Webapps:Url instead");
                }

                continue;
            }

            if (!endpoint.IsSet)
            {
                problems.Add($"{key} is not set: give {component}'s management URL{(component == PlatformComponent.Zeebe ? "" : ", or 'none' if it is not deployed")}");
            }
            else if (endpoint.IsNone && component == PlatformComponent.Zeebe)
            {
                problems.Add($"{key} cannot be 'none': a platform backup is built around Zeebe's backup and its exporting pause");
            }
            else if (!endpoint.IsNone
                && (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.UserInfo)))
            {
                problems.Add($"{key} '{endpoint.Url}' is not an http(s) URL without credentials in it (set Platform:{component}:Username and :Password instead)");
            }
        }

        if (string.IsNullOrWhiteSpace(options.ZeebeRecordPrefix) || options.ZeebeRecordPrefix.IndexOfAny(['*', ',', ' ', '/']) >= 0)
        {
            problems.Add($"Platform:ZeebeRecordPrefix '{options.ZeebeRecordPrefix}' must be one index prefix, without wildcard or comma");
        }

        if (options.PollInterval <= TimeSpan.Zero || options.StepTimeout <= options.PollInterval || options.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            problems.Add("Platform:PollInterval must be positive, Platform:StepTimeout longer than it, Platform:LeaseDuration at least one second");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
