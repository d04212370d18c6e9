using System.Globalization;
using System.Threading.RateLimiting;
using Backup.Api.Contracts;
using Microsoft.AspNetCore.RateLimiting;

namespace Backup.Api.Operations;

/// <summary>
/// Listing is the one request whose cost grows with the repository (every backup's snapshots are read, held and
/// written), so at most <see cref="AtOnce"/> are worked on at once, <see cref="Waiting"/> more wait their turn, and
/// beyond that the answer is 503 with <c>Retry-After</c>. Identical listings share one engine read besides
/// (<see cref="Application.Backups.ListBackups.SharedListings"/>).
/// </summary>
public static class ListingLimits
{
    public const string Policy = "listing";

    public const int AtOnce = 4;

    public const int Waiting = 64;

    private const int RetryAfterSeconds = 2;

    public static IServiceCollection AddListingLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limits =>
        {
            limits.AddConcurrencyLimiter(Policy, listing =>
            {
                listing.PermitLimit = AtOnce;
                listing.QueueLimit = Waiting;
                listing.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            limits.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(Problems.WriteAsync(rejected.HttpContext, StatusCodes.Status503ServiceUnavailable,
                    $"Too many backup listings at once ({AtOnce} worked on, {Waiting} waiting): try again in {RetryAfterSeconds} s."));
            };
        });
}
