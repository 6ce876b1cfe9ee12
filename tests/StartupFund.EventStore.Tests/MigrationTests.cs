using StartupFund.EventStore.Schema;
using StartupFund.Testing;

namespace StartupFund.EventStore.Tests;

public sealed class MigrationTests(TestDatabase database) : StoreTestBase(database)
{
    [Fact]
    public async Task First_migration_applies_every_script_and_a_second_applies_none()
    {
        var store = new EventStore(Database.DataSource, new EventStoreOptions { Schema = new SchemaName("mig_once") });

        var first = await store.MigrateAsync();
        var second = await store.MigrateAsync();

        first.ShouldBe([1, 2, 3]);
        second.ShouldBeEmpty();
        (await Database.ScalarAsync<long>("select count(*) from mig_once.schema_migrations")).ShouldBe(3);
    }

    [Fact]
    public async Task Processes_starting_at_once_apply_each_migration_exactly_once()
    {
        var sources = Enumerable.Range(0, 6).Select(_ => Database.NewDataSource()).ToList();
        try
        {
            var results = await Task.WhenAll(sources.Select(source =>
                Task.Run(() => new EventStore(source, new EventStoreOptions { Schema = new SchemaName("mig_race") }).MigrateAsync())));

            results.Sum(applied => applied.Count).ShouldBe(3);
            (await Database.ScalarAsync<long>("select count(*) from mig_race.schema_migrations")).ShouldBe(3);
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Stores_in_different_schemas_of_one_database_are_independent()
    {
        var germany = await NewStoreAsync(schema: "ledger_de");
        var kenya = await NewStoreAsync(schema: "ledger_ke");
        var streamId = NewStreamId();

        await germany.AppendAsync(Open(streamId));

        (await germany.ReadStreamAsync(streamId)).Count.ShouldBe(1);
        (await kenya.ReadStreamAsync(streamId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Stores_over_two_databases_live_side_by_side_in_one_process()
    {
        var other = new TestDatabase();
        await other.InitializeAsync();
        try
        {
            var here = await NewStoreAsync(schema: "sovereign");
            var there = new EventStore(other.DataSource, new EventStoreOptions { Schema = new SchemaName("sovereign"), Events = Registry() });
            await there.MigrateAsync();
            var streamId = NewStreamId();

            await here.AppendAsync(Open(streamId, "here"));
            await there.AppendAsync(Open(streamId, "there"));

            ((AccountOpened)(await here.ReadStreamAsync(streamId))[0].Data).Owner.ShouldBe("here");
            ((AccountOpened)(await there.ReadStreamAsync(streamId))[0].Data).Owner.ShouldBe("there");
        }
        finally
        {
            await other.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("drop table x; --")]
    [InlineData("1starts_with_digit")]
    [InlineData("a_name_that_is_far_too_long_for_postgres_identifiers_to_accept_it")]
    public void Schema_names_that_are_not_plain_identifiers_are_refused(string name) =>
        Should.Throw<ArgumentException>(() => new SchemaName(name));
}
