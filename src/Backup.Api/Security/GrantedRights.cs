namespace Backup.Api.Security;

/// <summary>What the request's credentials may do, set by <see cref="ManagementAuth"/> for what comes after it.</summary>
public sealed record GrantedRights(AccessRights Rights);
