using Backup.Domain;
using Mediator;
using Microsoft.Extensions.Options;

namespace Backup.Application.Behaviours;

/// <summary>
/// Bounds the time one request may spend, however many engine calls it makes and however slowly the engine answers:
/// past <see cref="BackupOptions.RequestTimeout"/> the request ends as <see cref="ErrorKind.EngineUnreachable"/>
/// (502), well before a proxy in front of the service gives up on it.
/// </summary>
public sealed class DeadlineBehaviour<TMessage, TResponse>(IOptions<BackupOptions> options) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
    where TResponse : IFailable<TResponse>
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var timeout = options.Value.RequestTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await next(message, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return TResponse.Failure(RequestDeadline.Exceeded(timeout));
        }
    }
}
