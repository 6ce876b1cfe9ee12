using StartupFund.Domain;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Values;
using System.Text.Json;
using StartupFund.EventStore.Aggregates;
using StartupFund.Ledger.Audit;
using StartupFund.Ledger.Json;
using StartupFund.Ledger.Pipeline;
using StartupFund.Ledger.Seeding;

namespace StartupFund.Ledger.Tests;

public sealed class SeedTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private static readonly string[] SeededCountries = ["DE", "KE", "JP", "KW"];

    [Fact]
    public async Task Seeding_twice_writes_nothing_the_second_time_and_every_chain_verifies()
    {
        var first = await new DemoSeed(fixture.Ledger).RunAsync();
        var events = await fixture.EventCountAsync();
        var second = await new DemoSeed(fixture.Ledger).RunAsync();

        first.Written.ShouldBeGreaterThan(100);
        second.Written.ShouldBe(0);
        second.AlreadyPresent.ShouldBe(first.Written);
        (await fixture.EventCountAsync()).ShouldBe(events);
        (await fixture.Ledger.Store.VerifyAsync()).IsClean.ShouldBeTrue();
        await fixture.Ledger.MigrateAsync();

        var statuses = (await fixture.Ledger.Queries.ListApplicationsAsync(null, null, null, null, 200)).Items.Select(a => a.Status).ToHashSet();
        statuses.ShouldBe(Enum.GetValues<ApplicationStatus>().Where(s => s != ApplicationStatus.None), ignoreOrder: true);
        foreach (var country in new[] { "DE", "KE", "JP", "KW" })
        {
            var balance = await fixture.Ledger.Queries.CountryBalanceAsync(new CountryCode(country));
            balance.Funds.Count.ShouldBe(1);
            balance.ByCurrency[0].Disbursed.MinorUnits.ShouldBeGreaterThan(0);
            balance.ByCurrency[0].CoInvestmentReceived.MinorUnits.ShouldBeGreaterThan(0);
            var state = (await fixture.Ledger.Store.LoadAsync<FundState>(Streams.Fund(new FundId(balance.Funds[0].FundId)))).State;
            balance.ByCurrency[0].CashOnHand.MinorUnits.ShouldBe(state.CashOnHandMinor);
            balance.ByCurrency[0].AvailableToCommit.MinorUnits.ShouldBe(state.AvailableToCommitMinor);
            (await fixture.Ledger.Queries.TrialBalanceAsync(new FundId(balance.Funds[0].FundId)))!.Balanced.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task A_portfolio_reconciles_with_its_country_balance_live_and_folded_from_the_log()
    {
        await new DemoSeed(fixture.Ledger).RunAsync();
        var folded = await new LedgerAudit(fixture.Ledger.Store).AsOfAsync(fixture.Clock.GetCurrentInstant());
        var statuses = new HashSet<ApplicationStatus>();
        foreach (var country in SeededCountries.Select(c => new CountryCode(c)))
        {
            var portfolio = await fixture.Ledger.Queries.PortfolioAsync(country, null, 200);
            portfolio.NextCursor.ShouldBeNull();
            var balance = (await fixture.Ledger.Queries.CountryBalanceAsync(country)).ByCurrency.ShouldHaveSingleItem();
            var companies = portfolio.Companies;
            companies.Sum(c => c.Reserved.MinorUnits).ShouldBe(balance.Reserved.MinorUnits, $"{country.Value}: reserved");
            companies.Sum(c => c.Disbursed.MinorUnits).ShouldBe(balance.Disbursed.MinorUnits, $"{country.Value}: disbursed");
            foreach (var company in companies)
            {
                statuses.Add(company.Status);
                var released = company.Approved.MinorUnits - company.Disbursed.MinorUnits - company.Reserved.MinorUnits;
                released.ShouldBe(company.Status == ApplicationStatus.Cancelled ? company.Approved.MinorUnits - company.Disbursed.MinorUnits : 0,
                    company.ApplicationId);
            }

            foreach (var totals in new[] { portfolio.BySector, portfolio.ByStage })
            {
                totals.Sum(t => t.Reserved.MinorUnits).ShouldBe(balance.Reserved.MinorUnits, $"{country.Value}: reserved by sector or stage");
            }

            JsonSerializer.Serialize(folded.WholePortfolio(country), LedgerJson.Api).ShouldBe(JsonSerializer.Serialize(portfolio, LedgerJson.Api));
        }

        statuses.ShouldContain(ApplicationStatus.Cancelled);
        statuses.ShouldContain(ApplicationStatus.Active);
    }

    [Fact]
    public async Task Read_models_written_from_remembered_states_equal_those_folded_onto_the_stored_documents()
    {
        // One ledger writes its read models from the states it remembers, with the events and the
        // COMMIT; the other remembers nothing and folds each append onto the documents it reads.
        var fromStates = await LedgerInAsync("rs_states", rememberedStates: 20_000);
        var fromDocuments = await LedgerInAsync("rs_documents", rememberedStates: 0);

        await new DemoSeed(fromStates).RunAsync();
        await new DemoSeed(fromDocuments).RunAsync();

        foreach (var rows in new[]
        {
            "select fund_id, country, currency, name, status, version, state, updated_at from {0}.funds",
            "select application_id, fund_id, country, currency, status, sector, stage, instrument, submitted_at, decided_at, version, state, updated_at from {0}.applications",
            "select fund_id, event_type, stream_id, stream_version, recorded_at, transfers from {0}.journal_entries",
            "select fund_id, account, debits_posted, credits_posted, debits_pending, credits_pending from {0}.account_balances",
        })
        {
            var (a, b) = (string.Format(rows, "rs_states_read"), string.Format(rows, "rs_documents_read"));
            (await fixture.Database.ScalarAsync<long>($"select count(*) from ({a}) r")).ShouldBeGreaterThan(0);
            (await fixture.Database.ScalarAsync<long>($"select count(*) from (({a}) except all ({b})) d")).ShouldBe(0, rows);
            (await fixture.Database.ScalarAsync<long>($"select count(*) from (({b}) except all ({a})) d")).ShouldBe(0, rows);
        }

        // The states it remembers were folded from the events as the commands made them; folded
        // from the events as stored (by a ledger that has read nothing yet), they must be the same.
        var reader = await LedgerInAsync("rs_states", rememberedStates: 0);
        var streams = await fixture.Database.ScalarAsync<string>("select string_agg(type || ' ' || id, ',' order by id) from rs_states_events.streams");
        foreach (var (type, streamId) in streams!.Split(',').Select(row => row.Split(' ', 2)).Select(pair => (pair[0], pair[1])))
        {
            if (type == Streams.FundType)
            {
                SameState(await fromStates.Store.LoadForAppendAsync<FundState>(streamId), await reader.Store.LoadAsync<FundState>(streamId));
            }
            else
            {
                SameState(await fromStates.Store.LoadForAppendAsync<ApplicationState>(streamId), await reader.Store.LoadAsync<ApplicationState>(streamId));
            }
        }
    }

    [Fact]
    public async Task Rebuilt_read_models_are_row_for_row_those_the_commands_wrote_and_keep_the_idempotency_records()
    {
        var ledger = await LedgerInAsync("rb", rememberedStates: 20_000);
        await new DemoSeed(ledger).RunAsync();
        string[] tables = ["funds", "applications", "journal_entries", "account_balances", "idempotency"];
        foreach (var table in tables)
        {
            await fixture.Database.ExecuteAsync($"create table rb_read.saved_{table} as select * from rb_read.{table}");
        }

        // Rows changed by hand: a fund gone, a balance moved, journal entries lost, an application's status edited.
        await fixture.Database.ExecuteAsync("delete from rb_read.funds where fund_id = (select min(fund_id) from rb_read.funds)");
        await fixture.Database.ExecuteAsync("update rb_read.account_balances set debits_posted = debits_posted + 1");
        await fixture.Database.ExecuteAsync("delete from rb_read.journal_entries where position % 3 = 0");
        await fixture.Database.ExecuteAsync("update rb_read.applications set status = 'Approved'");

        var replayed = await ledger.RebuildReadModelsAsync();

        replayed.ShouldBe(await fixture.Database.ScalarAsync<long>("select count(*) from rb_events.events"));
        foreach (var table in tables)
        {
            var (live, saved) = ($"select * from rb_read.{table}", $"select * from rb_read.saved_{table}");
            (await fixture.Database.ScalarAsync<long>($"select count(*) from ({saved}) r")).ShouldBeGreaterThan(0, table);
            (await fixture.Database.ScalarAsync<long>($"select count(*) from (({live}) except all ({saved})) d")).ShouldBe(0, table);
            (await fixture.Database.ScalarAsync<long>($"select count(*) from (({saved}) except all ({live})) d")).ShouldBe(0, table);
        }
    }

    private static void SameState<TState>(LoadedAggregate<TState> remembered, LoadedAggregate<TState> stored)
        where TState : notnull
    {
        remembered.IsRemembered.ShouldBeTrue();
        remembered.Version.ShouldBe(stored.Version);
        JsonSerializer.Serialize(remembered.State, LedgerJson.Storage).ShouldBe(JsonSerializer.Serialize(stored.State, LedgerJson.Storage));
    }

    [Fact]
    public async Task A_rebuild_that_cannot_read_every_recorded_event_changes_nothing_and_says_why()
    {
        var ledger = await LedgerInAsync("rh", rememberedStates: 0);
        await using var other = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var open = await other.BeginTransactionAsync();
        await using (var xid = new Npgsql.NpgsqlCommand("select pg_current_xact_id()", other, open))
        {
            await xid.ExecuteScalarAsync();   // an open transaction with an id: the log's horizon stops at it
        }

        await new DemoSeed(ledger).RunAsync();
        const string Rows = "select count(*) from rh_read.{0}";
        var applications = await fixture.Database.ScalarAsync<long>(string.Format(Rows, "applications"));
        var entries = await fixture.Database.ScalarAsync<long>(string.Format(Rows, "journal_entries"));
        applications.ShouldBeGreaterThan(0);

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => ledger.RebuildReadModelsAsync(TimeSpan.FromMilliseconds(300)));
        refused.Message.ShouldContain("holds back the log's horizon");
        (await fixture.Database.ScalarAsync<long>(string.Format(Rows, "applications"))).ShouldBe(applications);
        (await fixture.Database.ScalarAsync<long>(string.Format(Rows, "journal_entries"))).ShouldBe(entries);

        await open.RollbackAsync();
        (await ledger.RebuildReadModelsAsync()).ShouldBe(await fixture.Database.ScalarAsync<long>("select count(*) from rh_events.events"));
        (await fixture.Database.ScalarAsync<long>(string.Format(Rows, "journal_entries"))).ShouldBe(entries);
    }

    private async Task<StartupFundLedger> LedgerInAsync(string prefix, int rememberedStates)
    {
        var ledger = new StartupFundLedger(fixture.Database.DataSource, new LedgerOptions
        {
            EventSchema = new EventStore.Schema.SchemaName(prefix + "_events"),
            ReadSchema = new EventStore.Schema.SchemaName(prefix + "_read"),
            Clock = Testing.FakeClock.At(2026, 3, 2),
            RememberedStates = rememberedStates,
        });
        await ledger.MigrateAsync();
        return ledger;
    }
}
