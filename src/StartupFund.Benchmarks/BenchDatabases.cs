using Npgsql;
using StartupFund.EventStore;

namespace StartupFund.Benchmarks;

/// <summary>Each benchmark measures on a database of its own, dropped and created afresh every run.</summary>
public static class BenchDatabases
{
    public static async Task<NpgsqlDataSource> CreateFreshAsync(string serverConnectionString, string database)
    {
        await using (var admin = new NpgsqlConnection(serverConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {database} with (force)", admin);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"create database {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database, MaxPoolSize = 64 };
        return StoreDataSource.Create(builder.ConnectionString);
    }
}
