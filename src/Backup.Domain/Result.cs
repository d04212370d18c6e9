using System.Diagnostics.CodeAnalysis;

namespace Backup.Domain;

/// <summary>A result type that generic code (such as a validation step) can build from an <see cref="Domain.Error"/>.</summary>
public interface IFailable<TSelf>
    where TSelf : IFailable<TSelf>
{
    static abstract TSelf Failure(Error error);
}

/// <summary>The outcome of an operation that has no value: success, or an expected <see cref="Domain.Error"/>.</summary>
public readonly record struct Result : IFailable<Result>
{
    private Result(Error? error) => Error = error;

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static Result Success() => new(null);

    public static Result Failure(Error error) => new(error);

    /// <summary>A value as a result, where no implicit conversion applies (interface-typed values).</summary>
    public static Result<T> Success<T>(T value) => Result<T>.From(value);

    public static implicit operator Result(Error error) => new(error);
}

/// <summary>A value, or an expected <see cref="Domain.Error"/> explaining why there is none.</summary>
public readonly record struct Result<T> : IFailable<Result<T>>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"No value: {Error.Message}");

#pragma warning disable CA1000 // the interface requires it; callers use the implicit conversions
    public static Result<T> Failure(Error error) => new(default, error);
#pragma warning restore CA1000

    public static implicit operator Result<T>(T value) => new(value, null);

    internal static Result<T> From(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);
}
