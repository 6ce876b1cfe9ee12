using Npgsql;
using NodaTime;
using StartupFund.Domain;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Ledger.Pipeline;
using StartupFund.Ledger.Schema;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Ledger.Tests;

/// <summary>
/// Upgrading a database whose journal predates the payment-reference index: rows without a reference get theirs
/// from the events before the index is made (the index would not see them), and references that already repeat
/// stop the migration with a message naming them (the log cannot be edited). Its own fixture: it drops the index.
/// </summary>
public sealed class PaymentReferenceMigrationTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private StartupFundLedger Ledger => fixture.Ledger;

    [Fact]
    public async Task Old_rows_get_their_references_before_the_index_and_repeated_ones_are_named()
    {
        var fund = await fixture.OpenFundAsync("fund-upgrade", 1_000_000_00);
        await PayAsync(await fixture.ReadyToPayAsync(fund, "app-upgrade-1"), "OLD-REF");

        // As a release before the reference column left it: no index, no reference on the row.
        await fixture.Database.ExecuteAsync($"drop index ledger.{ReadModelSchema.PaymentReferenceIndex}");
        await fixture.Database.ExecuteAsync("update ledger.journal_entries set reference = null where event_type = 'funds-disbursed'");
        await Ledger.MigrateAsync();

        (await fixture.Database.ScalarAsync<string>("select reference from ledger.journal_entries where event_type = 'funds-disbursed'")).ShouldBe("OLD-REF");
        var second = await fixture.ReadyToPayAsync(fund, "app-upgrade-2");
        (await Should.ThrowAsync<DomainException>(() => PayAsync(second, "OLD-REF"))).Code.ShouldBe(ErrorCodes.PaymentReferenceReused);

        // Payments recorded before the rule that repeat a reference: the index cannot stand, and the migration says why.
        await fixture.Database.ExecuteAsync($"drop index ledger.{ReadModelSchema.PaymentReferenceIndex}");
        await PayAsync(second, "OLD-REF");
        await fixture.Database.ExecuteAsync("update ledger.journal_entries set reference = null where event_type = 'funds-disbursed'");

        var refusal = await Should.ThrowAsync<PostgresException>(() => Ledger.MigrateAsync());

        refusal.SqlState.ShouldBe("SF422");
        refusal.MessageText.ShouldContain("fund-upgrade OLD-REF (2 times)");
        (await fixture.Database.ScalarAsync<long>("select count(*) from ledger.journal_entries where reference is null and event_type = 'funds-disbursed'"))
            .ShouldBe(2, "the refused migration changed nothing");
    }

    private Task<CommandOutcome> PayAsync(ApplicationId app, string reference) =>
        Ledger.Commands.ExecuteAsync(new DisburseTranche(app, 1, new LocalDate(2026, 3, 2), reference, fixture.Clock.GetCurrentInstant()), CommandRequest.Plain);
}
