namespace StartupFund.EventStore.Audit;

/// <summary>
/// One SHA-256 over a prefix of the log: <c>d = SHA-256(d || event hash)</c> for every event in log
/// order, starting from 32 zero bytes. Kept outside the database (by a regulator, say), it later
/// proves that the log still begins with exactly those events: recompute it over the first
/// <see cref="Events"/> events and compare. Positions and transaction ids are not part of it, so
/// it survives an export and import.
/// </summary>
public sealed record LogDigest(long Events, LogCursor CoveredUpTo, string Sha256)
{
    public override string ToString() => $"{Events} events up to {CoveredUpTo}: {Sha256}";
}
