using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Events;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Matching;
using static StartupFund.Domain.Tests.Support.Fixtures;

namespace StartupFund.Domain.Tests.Events;

/// <summary>
/// Events hold only serializable members: plain System.Text.Json (plus the two NodaTime converters
/// any host needs) round-trips every event type, looked up by its alias as the event store does.
/// </summary>
public class EventSerializationTests
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new InstantConverter(), new LocalDateConverter() },
    };

    public static TheoryData<object> SampleEvents()
    {
        var samples = new TheoryData<object>();
        object[] events =
        [
            Opened(Policy(ReadyMadePolicies.SingaporeStartupSgEquity(StartupFund.Domain.Values.Currency.Gbp))), Opened(Policy(ReadyMadePolicies.IsraelYozma)),
            Committed("2000000.00"), Called("10.00"), Received("10.00"), new FundClosed(TheFund, "Done", At),
            Reserved, FundPaid(1), new DisbursementReversed(TheFund, TheApp, 1, 1, Gbp("100000.00"), "Returned", At),
            new ReservationReleased(TheFund, TheApp, Gbp("200000.00"), [.. Reserved.Tranches.Skip(1)], "Stop", At),
            Submitted(), new ApplicationAmended(TheApp, "AI", Stage.SeriesA, Instrument.Grant, Gbp("1.00"), "New", At),
            new ApplicationWithdrawn(TheApp, "Bye", At), Started, new InformationRequested(TheApp, "Q", At),
            new InformationProvided(TheApp, "A", At), Scored(), Approved, new ApplicationRejected(TheApp, "late", "Too late", At),
            Accepted, new OfferDeclined(TheApp, TheFund, Gbp("300000.00"), "No", At), CoCommitted("1.00"), CoReceived("1.00"),
            Reported(2), Verified(2), Paid(1),
            new TrancheDisbursementReversed(TheApp, TheFund, 1, 1, Gbp("100000.00"), "Returned", At),
            new RemainderCancelled(TheApp, TheFund, Gbp("200000.00"), "Stop", At),
            new CoInvestmentsReleased(TheApp, TheFund, Gbp("10.00"), Gbp("0.00"), At),
            new CoInvestmentCorrected(TheApp, TheFund, new InvestorId("angel"), Gbp("1.00"), Gbp("0.00"), "Typo", At),
            new ScoresWithdrawn(TheApp, 2, At),
        ];
        foreach (var @event in events)
        {
            samples.Add(@event);
        }

        return samples;
    }

    [Fact]
    public void The_samples_cover_every_event_type() =>
        SampleEvents().Cast<object[]>().Select(row => row[0].GetType()).Distinct().Count().ShouldBe(EventAliases.All.Count);

    [Theory]
    [MemberData(nameof(SampleEvents))]
    public void Every_event_round_trips_through_json_by_its_alias(object @event)
    {
        var alias = EventAliases.AliasOf(@event);
        var json = JsonSerializer.Serialize(@event, @event.GetType(), Options);
        var back = JsonSerializer.Deserialize(json, EventAliases.TypeOf(alias), Options);
        Describe.Of(back).ShouldBe(Describe.Of(@event));
    }

    [Fact]
    public void Invalid_stored_values_are_refused_on_reading_not_silently_defaulted()
    {
        var json = JsonSerializer.Serialize(Committed("1.00"), Options).Replace("\"GBP\"", "\"XXY\"", StringComparison.Ordinal);
        Should.Throw<StartupFund.Domain.Common.DomainException>(() => JsonSerializer.Deserialize<CapitalCommitted>(json, Options))
            .Code.ShouldBe(StartupFund.Domain.Common.ErrorCodes.CurrencyUnknown);
    }

    private sealed class InstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            InstantPattern.ExtendedIso.Parse(reader.GetString()!).Value;

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }

    private sealed class LocalDateConverter : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LocalDatePattern.Iso.Parse(reader.GetString()!).Value;

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
    }
}
