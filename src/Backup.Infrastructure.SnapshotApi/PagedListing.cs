using System.Diagnostics;
using System.Text.Json;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi.Wire;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary>
/// A listing Elasticsearch pages, read a page at a time with the next page asked for as soon as this one's bytes are
/// in: the engine prepares page k + 1 (on a real cluster, reading its snapshots' details from the repository) while the
/// service decodes page k, so only the last page's decoding comes after the engine's time. One page is asked for at a
/// time, as before; the engine's load is the same.
/// </summary>
internal sealed class PagedListing(EngineCalls engine, string operation)
{
    /// <summary>Adds the snapshots this service named, from every page, to <paramref name="into"/>.</summary>
    /// <param name="pagePath">The path of the page after the given <c>next</c> token (null: the first page).</param>
    public async Task<Result> ReadAsync(Func<string?, string> pagePath, List<Snapshot> into, bool verbose, CancellationToken cancellationToken)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<Result<ListingPageBytes>> Fetch(string? after) => engine.GetAsync(pagePath(after), ListingPageBytes.ReadAsync, operation, abandon.Token);

        Task<Result<ListingPageBytes>>? arriving = Fetch(after: null);
        try
        {
            while (arriving is not null)
            {
                var arrived = await arriving;
                arriving = null;
                if (!arrived.IsSuccess)
                {
                    return arrived.Error;
                }

                using var page = arrived.Value;
                var nextAtEnd = page.NextAtEnd();
                if (nextAtEnd is not null)
                {
                    arriving = Fetch(nextAtEnd);
                }

                SnapshotPage decoded;
                try
                {
                    decoded = SnapshotListingReader.Read(page.Span, into, verbose);
                }
                catch (JsonException exception)
                {
                    return engine.Unreadable(operation, exception);
                }

                // A next found at the end is the answer's own last member, read as the reader reads it; without one (the
                // engine wrote more after it), the next page is asked for only now.
                Debug.Assert(nextAtEnd is null || nextAtEnd == decoded.Next, "The next found at the end differs from the decoded one.");
                if (nextAtEnd is null && decoded.Next is { } next)
                {
                    arriving = Fetch(next);
                }
            }

            return Result.Success();
        }
        finally
        {
            if (arriving is not null)
            {
                await abandon.CancelAsync();
                await DropAsync(arriving);
            }
        }
    }

    private static async Task DropAsync(Task<Result<ListingPageBytes>> fetch)
    {
        try
        {
            var dropped = await fetch;
            if (dropped.IsSuccess)
            {
                dropped.Value.Dispose();
            }
        }
        catch (OperationCanceledException)
        {
            // Abandoned on its way: there is nothing to give back.
        }
    }
}
