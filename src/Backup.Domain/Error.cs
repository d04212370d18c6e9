namespace Backup.Domain;

/// <summary>What kind of expected failure an <see cref="Error"/> is; the API maps each kind to one status code.</summary>
public enum ErrorKind
{
    /// <summary>The request itself is wrong (bad id, duplicate id, another backup running).</summary>
    Invalid,

    /// <summary>The backup, or the repository it lives in, does not exist.</summary>
    NotFound,

    /// <summary>The engine could not be reached at all; the same request may succeed later.</summary>
    EngineUnreachable,

    /// <summary>The engine answered, but with an error.</summary>
    EngineFailure,
}

/// <summary>An expected failure with a message a person can act on.</summary>
public sealed record Error(ErrorKind Kind, string Message)
{
    public static Error Invalid(string message) => new(ErrorKind.Invalid, message);

    public static Error NotFound(string message) => new(ErrorKind.NotFound, message);

    public static Error EngineUnreachable(string message) => new(ErrorKind.EngineUnreachable, message);

    public static Error EngineFailure(string message) => new(ErrorKind.EngineFailure, message);
}
