using System.Reflection;
using Npgsql;

namespace StartupFund.EventStore.Schema;

/// <summary>
/// Applies the numbered SQL scripts embedded in this assembly (Migrations/NNNN_name.sql) that the
/// schema has not seen yet. Everything runs in one transaction under a transaction-level advisory
/// lock, so two processes starting at once apply each script exactly once.
/// </summary>
internal sealed class Migrator(NpgsqlDataSource dataSource, SchemaName schema)
{
    private static readonly IReadOnlyList<Migration> Migrations = LoadEmbeddedMigrations();

    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await ExecuteAsync(connection, "select pg_advisory_xact_lock(hashtextextended(@key, 0))", cancellationToken,
            ("key", $"startupfund.eventstore.migrations:{schema.Value}")).ConfigureAwait(false);
        await ExecuteAsync(connection, $"""
            create schema if not exists {schema.Quoted};
            create table if not exists {schema.Quoted}.schema_migrations (
                version    integer     primary key,
                name       text        not null,
                applied_at timestamptz not null default now());
            """, cancellationToken).ConfigureAwait(false);

        var applied = await ReadAppliedVersionsAsync(connection, cancellationToken).ConfigureAwait(false);
        var newlyApplied = new List<int>();
        foreach (var migration in Migrations.Where(m => !applied.Contains(m.Version)))
        {
            await ExecuteAsync(connection, migration.Sql.Replace("{schema}", schema.Quoted, StringComparison.Ordinal),
                cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection,
                $"insert into {schema.Quoted}.schema_migrations (version, name) values (@version, @name)",
                cancellationToken, ("version", migration.Version), ("name", migration.Name)).ConfigureAwait(false);
            newlyApplied.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return newlyApplied;
    }

    private async Task<HashSet<int>> ReadAppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select version from {schema.Quoted}.schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static List<Migration> LoadEmbeddedMigrations()
    {
        var assembly = typeof(Migrator).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal) && name.Contains(".Migrations.", StringComparison.Ordinal))
            .Select(name => Migration.FromResource(assembly, name))
            .OrderBy(m => m.Version)
            .ToList();
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations must be numbered 1..N without gaps; found {migrations[i].Name} at place {i + 1}.");
            }
        }

        return migrations;
    }

    private sealed record Migration(int Version, string Name, string Sql)
    {
        public static Migration FromResource(Assembly assembly, string resourceName)
        {
            // resource names look like StartupFund.EventStore.Migrations.0001_initial.sql
            var fileName = resourceName[(resourceName.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];
            var version = int.Parse(fileName[..fileName.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resourceName)
                ?? throw new InvalidOperationException($"Missing embedded migration {resourceName}.");
            using var reader = new StreamReader(stream);
            return new Migration(version, fileName, reader.ReadToEnd());
        }
    }
}
