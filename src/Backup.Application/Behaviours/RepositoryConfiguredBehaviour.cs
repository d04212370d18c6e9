using Backup.Application.Abstractions;
using Backup.Domain;
using Mediator;
using Microsoft.Extensions.Options;

namespace Backup.Application.Behaviours;

/// <summary>
/// A use case that <see cref="INeedsRepository"/> cannot work without <c>Backup:RepositoryName</c>: each is answered the
/// same error (404, or 400 for the 8.8 webapps as they do), after its input was validated.
/// </summary>
public sealed class RepositoryConfiguredBehaviour<TMessage, TResponse>(IOptions<BackupOptions> options) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
    where TResponse : IFailable<TResponse>
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        message is INeedsRepository && options.Value.RepositoryNotConfigured is { } notConfigured
            ? ValueTask.FromResult(TResponse.Failure(notConfigured))
            : next(message, cancellationToken);
}
