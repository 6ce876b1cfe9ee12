using System.Net.Sockets;
using Npgsql;

namespace StartupFund.Api.Http;

/// <summary>
/// The one rule for "the database is unavailable": failures a client should retry later (503 with
/// Retry-After) rather than bugs (500). A command that met one may or may not have committed; its
/// Idempotency-Key makes the retry safe either way.
/// </summary>
public static class DatabaseUnavailable
{
    public const int RetryAfterSeconds = 1;

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return IsUnavailableState(postgres.SqlState);
                case NpgsqlException or SocketException or TimeoutException:
                    // The driver could not talk to the server at all: refused, reset, timed out, pool exhausted.
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Errors the server sends while it cannot serve: a connection exception (class 08), shutting down
    /// (57P01 admin, 57P02 crash), starting or stopping (57P03), out of connections (53300).
    /// Anything else the server reports (a constraint, a syntax error) is a bug of ours, not an outage.
    /// </summary>
    private static bool IsUnavailableState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections;
}
