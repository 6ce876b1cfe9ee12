using Npgsql;

namespace StartupFund.EventStore;

/// <summary>The connection settings the store runs (and is measured) with.</summary>
public static class StoreDataSource
{
    /// <summary>
    /// A data source over <paramref name="connectionString"/> that prepares statements server-side
    /// after two uses, unless the string sets Max Auto Prepare itself. An append repeats a few
    /// statements; unprepared, PostgreSQL plans each one again and copies a batch's parameter arrays
    /// into the plan (measured: half of the server's CPU on 100-event batches).
    /// Pooled connections are not reset when they go back to the pool: nothing here leaves session
    /// state behind (no SET, temporary tables or LISTEN; advisory locks are released explicitly),
    /// and the reset costs the next user of the connection seven statements.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 100;
            settings.AutoPrepareMinUsages = 2;
        }

        return NpgsqlDataSource.Create(settings.ConnectionString);
    }
}
