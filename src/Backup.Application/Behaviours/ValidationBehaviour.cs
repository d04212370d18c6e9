using Backup.Domain;
using FluentValidation;
using Mediator;

namespace Backup.Application.Behaviours;

/// <summary>
/// Runs a message's validators before its handler and answers their first complaint as an
/// <see cref="ErrorKind.Invalid"/> result: invalid input is an expected outcome, not an exception.
/// </summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
    where TResponse : IFailable<TResponse>
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
            {
                return TResponse.Failure(Error.Invalid(result.Errors[0].ErrorMessage));
            }
        }

        return await next(message, cancellationToken);
    }
}
