namespace Backup.Domain;

/// <summary>One part of a backup: the index expressions its snapshot is taken of.</summary>
/// <param name="Number">1-based position in the backup; parts are taken strictly in this order.</param>
/// <param name="Indices">Concrete index names; or, for a part with no index, an expression that matches none.</param>
public sealed record BackupPart(int Number, IReadOnlyList<string> Indices);
