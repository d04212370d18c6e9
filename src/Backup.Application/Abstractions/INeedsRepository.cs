namespace Backup.Application.Abstractions;

/// <summary>
/// A use case that cannot do anything without the engine's snapshot repository: <see cref="Behaviours.RepositoryConfiguredBehaviour{TMessage, TResponse}"/>
/// answers it before its handler runs when <c>Backup:RepositoryName</c> is not set.
/// </summary>
public interface INeedsRepository;
