using StartupFund.Domain.Applications;
using StartupFund.Domain.Funds;

namespace StartupFund.Domain.Tests.Properties;

/// <summary>
/// Fund figures computed straight from the events, deliberately without the journal or the
/// deciders' state, so that the property tests can compare three independent derivations.
/// </summary>
internal sealed record EventFigures(
    long Committed, long Called, long Received, long Cash, long Reserved, long Disbursed, long CoInvestmentReceived)
{
    public static EventFigures From(IEnumerable<object> events)
    {
        long committed = 0, called = 0, received = 0, cash = 0, reserved = 0, disbursed = 0, coInvestment = 0;
        foreach (var @event in events)
        {
            switch (@event)
            {
                case CapitalCommitted e: committed += e.Amount.MinorUnits; break;
                case CapitalCalled e: called += e.Amount.MinorUnits; break;
                case CapitalReceived e: received += e.Amount.MinorUnits; cash += e.Amount.MinorUnits; break;
                case FundsReserved e: reserved += e.Amount.MinorUnits; break;
                case FundsDisbursed e: reserved -= e.Amount.MinorUnits; disbursed += e.Amount.MinorUnits; cash -= e.Amount.MinorUnits; break;
                case DisbursementReversed e:
                    reserved += e.AfterCancellation ? 0 : e.Amount.MinorUnits;   // after a cancellation the money is not reserved again
                    disbursed -= e.Amount.MinorUnits;
                    cash += e.Amount.MinorUnits;
                    break;
                case ReservationReleased e: reserved -= e.Amount.MinorUnits; break;
                case CoInvestmentReceived e: coInvestment += e.Amount.MinorUnits; break;
                case CoInvestmentsReleased e: coInvestment -= e.Received.MinorUnits; break;
                case CoInvestmentCorrected e: coInvestment -= e.ReceivedReversed.MinorUnits; break;   // co-investment that matches no public money leaves the fund's figures
            }
        }

        return new EventFigures(committed, called, received, cash, reserved, disbursed, coInvestment);
    }
}
