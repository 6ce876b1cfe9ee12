using StartupFund.Domain.Common;

namespace StartupFund.Domain.Funds;

/// <summary>Evolve: how each fund event changes the state. No rules here, only facts.</summary>
internal static class FundEvolution
{
    public static FundState Evolve(FundState state, object @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        return @event switch
        {
            FundOpened opened => state with
            {
                Status = FundStatus.Open,
                Id = opened.FundId,
                Country = opened.Country,
                Name = opened.Name,
                Currency = opened.Currency,
                Policy = opened.Policy,
            },
            CapitalCommitted committed => state with
            {
                Sponsors = state.Sponsors.SetItem(
                    committed.SponsorId.Value,
                    state.Sponsors.TryGetValue(committed.SponsorId.Value, out var sponsor)
                        ? sponsor with { CommittedMinor = sponsor.CommittedMinor + committed.Amount.MinorUnits }
                        : new SponsorPosition(committed.SponsorName, committed.Kind, committed.Amount.MinorUnits, 0)),
                CommittedMinor = state.CommittedMinor + committed.Amount.MinorUnits,
            },
            CapitalCalled called => state with
            {
                Sponsors = state.Sponsors.SetItem(
                    called.SponsorId.Value,
                    state.Sponsors[called.SponsorId.Value] with
                    {
                        CalledMinor = state.Sponsors[called.SponsorId.Value].CalledMinor + called.Amount.MinorUnits,
                    }),
                Calls = state.Calls.Add(called.CallId.Value, new CallPosition(called.SponsorId, called.Amount.MinorUnits, 0, called.DueDate, called.CalledAt.InUtc().Date)),
                CalledMinor = state.CalledMinor + called.Amount.MinorUnits,
            },
            CapitalReceived received => state with
            {
                Calls = state.Calls.SetItem(
                    received.CallId.Value,
                    state.Calls[received.CallId.Value] with
                    {
                        ReceivedMinor = state.Calls[received.CallId.Value].ReceivedMinor + received.Amount.MinorUnits,
                    }),
                ReceivedMinor = state.ReceivedMinor + received.Amount.MinorUnits,
                CashOnHandMinor = state.CashOnHandMinor + received.Amount.MinorUnits,
                ReceivedByValueDate = ValueDates.Add(state.ReceivedByValueDate, received.ValueDate, received.Amount.MinorUnits),
            },
            FundClosed => state with { Status = FundStatus.Closed },
            FundsReserved reserved => state with { ReservedMinor = state.ReservedMinor + reserved.Amount.MinorUnits },
            FundsDisbursed disbursed => state with
            {
                ReservedMinor = state.ReservedMinor - disbursed.Amount.MinorUnits,
                DisbursedMinor = state.DisbursedMinor + disbursed.Amount.MinorUnits,
                CashOnHandMinor = state.CashOnHandMinor - disbursed.Amount.MinorUnits,
                PaidByValueDate = ValueDates.Add(state.PaidByValueDate, disbursed.ValueDate, disbursed.Amount.MinorUnits),
            },
            DisbursementReversed reversed => state with
            {
                ReservedMinor = state.ReservedMinor + (reversed.AfterCancellation ? 0 : reversed.Amount.MinorUnits),
                DisbursedMinor = state.DisbursedMinor - reversed.Amount.MinorUnits,
                CashOnHandMinor = state.CashOnHandMinor + reversed.Amount.MinorUnits,
                // Money that came back is cash from the day it came back, as a receipt is.
                ReceivedByValueDate = reversed.ValueDate is { } cameBack
                    ? ValueDates.Add(state.ReceivedByValueDate, cameBack, reversed.Amount.MinorUnits)
                    : state.ReceivedByValueDate,
            },
            ReservationReleased released => state with { ReservedMinor = state.ReservedMinor - released.Amount.MinorUnits },
            _ => state,
        };
    }
}
