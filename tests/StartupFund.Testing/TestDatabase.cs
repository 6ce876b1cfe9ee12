using Npgsql;
using Xunit;

namespace StartupFund.Testing;

/// <summary>
/// A fresh, empty PostgreSQL database for one test class (use as an xunit class fixture), dropped
/// afterwards. The server comes from STARTUPFUND_TEST_DB (set by ./build.sh test), then
/// STARTUPFUND_DB, then the local default that build/db.sh starts.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private const string LocalDefault = "Host=127.0.0.1;Port=54329;Username=startupfund;Password=startupfund;Database=startupfund";

    public TestDatabase()
    {
        Name = $"sf_test_{Guid.NewGuid():N}";
        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Name, MaxPoolSize = 100 }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("STARTUPFUND_TEST_DB") is { Length: > 0 } test ? test
        : Environment.GetEnvironmentVariable("STARTUPFUND_DB") is { Length: > 0 } db ? db
        : LocalDefault;

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>A second, independent data source over the same database (its own pool).</summary>
    public NpgsqlDataSource NewDataSource() => NpgsqlDataSource.Create(ConnectionString);

    public async Task InitializeAsync()
    {
        try
        {
            await using var admin = new NpgsqlConnection(ServerConnectionString);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{Name}\" template template0 encoding 'UTF8'", admin);
            await create.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException(
                $"Cannot reach the test PostgreSQL ({e.Message}). Run the tests with ./build.sh test, which starts it, or set STARTUPFUND_TEST_DB.", e);
        }
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ServerConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{Name}\" with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    public async Task<int> ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return await command.ExecuteNonQueryAsync();
    }
}
