using Backup.Application.Backups.Retention;
using Backup.Application.Backups.Scheduling;
using Backup.Domain;

namespace Backup.Application;

/// <summary>The <c>Backup</c> configuration section.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    public Component Component { get; set; } = Component.Operate;

    /// <summary>The engine's snapshot repository; without it the API answers 404 to every call.</summary>
    public string? RepositoryName { get; set; }

    /// <summary>The Camunda release, written into every snapshot name; the profile's (8.7.0, or 8.8.0 for webapps) when not set.</summary>
    public string? Version { get; set; }

    /// <summary>The component's index prefix; the component's name when not set.</summary>
    public string? IndexPrefix { get; set; }

    /// <summary>How long after its last part ended a backup with missing parts counts as still being taken.</summary>
    public TimeSpan IncompleteCheckTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether snapshots carry the cluster's global state, as the original's did (the engine default).</summary>
    public bool IncludeGlobalState { get; set; } = true;

    /// <summary>How long one API request may take in all, whatever the engine does; past it the answer is 502.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The longest wait between two looks at a running part.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>When backups are taken without anyone asking.</summary>
    public ScheduleOptions Schedule { get; set; } = new();

    /// <summary>Which backups are deleted without anyone asking.</summary>
    public RetentionOptions Retention { get; set; } = new();

    public ComponentProfile Profile => ComponentProfile.For(Component);

    public string EffectiveVersion => string.IsNullOrEmpty(Version) ? Profile.DefaultVersion : Version;

    public string EffectiveIndexPrefix => string.IsNullOrEmpty(IndexPrefix) ? Profile.DefaultIndexPrefix : IndexPrefix;

    /// <summary>The engine expression for every index of the component (<c>operate-*</c>; 8.8: three wildcards).</summary>
    public string IndexExpression => string.Join(',', Profile.IndexPatterns(EffectiveIndexPrefix));

    /// <summary>
    /// Why the index prefix cannot be this component's (an expression, a line break, another component's name, whose
    /// indices a restore would then delete), or null. Only 8.8's default is empty: its index names start with a family.
    /// </summary>
    public string? IndexPrefixProblem
    {
        get
        {
            var prefix = EffectiveIndexPrefix;
            if (prefix.Length > 0 && !IndexName.IsValidPrefix(prefix))
            {
                return $"Backup:IndexPrefix '{IndexPrefix}' is not a valid index prefix: use lower-case letters, digits, '.', '_' or '-' (no wildcard or comma)";
            }

            return Enum.GetValues<Component>().Where(c => c != Component).Select(c => c.Name())
                .FirstOrDefault(other => prefix == other || prefix.StartsWith(other + "-", StringComparison.Ordinal)) is { } taken
                ? $"Backup:IndexPrefix '{IndexPrefix}' is {taken}'s, not {Component.Name()}'s: set the prefix the {Component.Name()} deployment uses"
                : null;
        }
    }

    /// <summary>Why the repository name is not one repository's name (an expression, a path, a line break), or null.</summary>
    public string? RepositoryNameProblem => RepositoryName is { Length: > 0 } name
        && name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ',' or '*' or '?' or '/' or '\\' or '"' or '#' or '<' or '>' or '|')
            ? "Backup:RepositoryName must be the name of one snapshot repository: no spaces, line breaks, commas, wildcards or slashes"
            : null;

    /// <summary>Why no backup call can work, when no repository is configured.</summary>
    public Error? RepositoryNotConfigured => string.IsNullOrWhiteSpace(RepositoryName)
        ? new Error(Profile.RepositoryNotConfiguredKind, "No backup repository configured. Set Backup:RepositoryName to the name of the engine's snapshot repository.")
        : null;
}
