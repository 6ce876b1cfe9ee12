using System.Text.Json;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Funds;
using static StartupFund.Domain.Tests.Support.Fixtures;

namespace StartupFund.Domain.Tests.Events;

/// <summary>Aggregate states can be stored as snapshots: plain System.Text.Json round-trips them.</summary>
public class StateSnapshotTests
{
    private static readonly JsonSerializerOptions Options = EventSerializationTests.Options;

    [Fact]
    public void A_fund_state_round_trips()
    {
        var state = FundDecider.Fold([.. FundWithReservation(), FundPaid(1)]);
        var back = JsonSerializer.Deserialize<FundState>(JsonSerializer.Serialize(state, Options), Options)!;
        Describe.Of(back).ShouldBe(Describe.Of(state));
    }

    [Fact]
    public void An_application_state_round_trips()
    {
        var state = ApplicationDecider.Fold([.. ActiveApplication, CoCommitted("10.00"), CoReceived("5.00"), Paid(1), Reported(2)]);
        var back = JsonSerializer.Deserialize<ApplicationState>(JsonSerializer.Serialize(state, Options), Options)!;
        Describe.Of(back).ShouldBe(Describe.Of(state));
    }
}
