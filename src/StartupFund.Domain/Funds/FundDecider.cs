using NodaTime;
using StartupFund.Domain.Common;

namespace StartupFund.Domain.Funds;

/// <summary>
/// The fund's own rules: opening, sponsors' commitments, capital calls and receipts, closing.
/// Reservations and payments are decided together with an application in
/// <see cref="Funding.FundingDecider"/>; their events are folded here too.
/// </summary>
public static class FundDecider
{
    public static FundState Initial => FundState.Initial;

    public static IReadOnlyList<object> Decide(FundCommand command, FundState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        if (command is OpenFund open)
        {
            return [Open(open, state)];
        }

        RequireExisting(state, command.FundId);
        return command switch
        {
            CommitCapital commit => [Commit(commit, state)],
            CallCapital call => [Call(call, state)],
            ReceiveCapital receive => [Receive(receive, state)],
            CloseFund close => [Close(close, state)],
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown fund command."),
        };
    }

    public static FundState Evolve(FundState state, object @event) => FundEvolution.Evolve(state, @event);

    /// <summary>Folds a stream from <see cref="Initial"/>.</summary>
    public static FundState Fold(IEnumerable<object> events) => events.Aggregate(Initial, Evolve);

    internal static void RequireExisting(FundState state, FundId fundId)
    {
        if (state.Status == FundStatus.None)
        {
            throw DomainException.Rule(ErrorCodes.FundNotFound, $"Fund {fundId} has not been opened.");
        }

        if (state.Id != fundId)
        {
            throw DomainException.Rule(ErrorCodes.FundMismatch, $"The command is for fund {fundId}, the state is fund {state.Id}.");
        }
    }

    internal static void RequireOpen(FundState state)
    {
        if (state.Status == FundStatus.Closed)
        {
            throw DomainException.Rule(ErrorCodes.FundClosed, $"Fund {state.Id} is closed.");
        }
    }

    private static FundOpened Open(OpenFund command, FundState state)
    {
        if (state.Status != FundStatus.None)
        {
            throw DomainException.Rule(ErrorCodes.FundAlreadyOpened, $"Fund {command.FundId} is already open.");
        }

        var name = BoundedText.Required(command.Name, Limits.NameMaxLength, "Fund name");
        if (!command.Currency.IsLegalTender)
        {
            throw DomainException.Invalid(ErrorCodes.CurrencyNotLegalTender,
                $"{command.Currency} is a unit of account, not money a fund can hold and pay out: open the fund in the country's currency.", "currency");
        }

        ArgumentNullException.ThrowIfNull(command.Policy);
        command.Policy.Validate(command.Currency);
        return new FundOpened(command.FundId, command.Country, name, command.Currency, command.Policy, command.At);
    }

    private static CapitalCommitted Commit(CommitCapital command, FundState state)
    {
        RequireOpen(state);
        var amount = command.Amount.RequireCurrency(state.Currency, "amount").RequirePositive("amount");
        var name = BoundedText.Required(command.SponsorName, Limits.NameMaxLength, "Sponsor name");
        if (!Enum.IsDefined(command.Kind))
        {
            throw DomainException.Invalid(ErrorCodes.SponsorKindInvalid, $"Unknown sponsor kind {Wording.Wire(command.Kind)}.", "kind");
        }

        if (state.Sponsors.TryGetValue(command.SponsorId.Value, out var sponsor))
        {
            if (sponsor.Kind != command.Kind)
            {
                throw DomainException.Rule(ErrorCodes.SponsorKindMismatch, $"Sponsor {command.SponsorId} is a {Wording.Wire(sponsor.Kind)} sponsor; it cannot commit as {Wording.Wire(command.Kind)}.");
            }
        }
        else if (state.Sponsors.Count >= Limits.SponsorsPerFundMax)
        {
            throw DomainException.Rule(ErrorCodes.FundTooManySponsors, $"A fund has at most {Limits.SponsorsPerFundMax} sponsors.");
        }

        if (state.CommittedMinor + amount.MinorUnits > Limits.AmountMaxMinor)
        {
            throw DomainException.Rule(ErrorCodes.MoneyAmountTooLarge, "Total commitments would exceed the amount limit.");
        }

        return new CapitalCommitted(command.FundId, command.SponsorId, name, command.Kind, amount, command.At);
    }

    private static CapitalCalled Call(CallCapital command, FundState state)
    {
        var amount = command.Amount.RequireCurrency(state.Currency, "amount").RequirePositive("amount");
        if (!state.Sponsors.TryGetValue(command.SponsorId.Value, out var sponsor))
        {
            throw DomainException.Rule(ErrorCodes.SponsorUnknown, $"Sponsor {command.SponsorId} has no commitment to this fund.");
        }

        if (state.Calls.ContainsKey(command.CallId.Value))
        {
            throw DomainException.Rule(ErrorCodes.CallDuplicate, $"Capital call {command.CallId} already exists.");
        }

        if (state.Calls.Count >= Limits.CapitalCallsPerFundMax)
        {
            throw DomainException.Rule(ErrorCodes.FundTooManyCalls, $"A fund has at most {Limits.CapitalCallsPerFundMax} capital calls.");
        }

        if (amount.MinorUnits > sponsor.UncalledMinor)
        {
            throw DomainException.Rule(
                ErrorCodes.CallExceedsUncalled,
                $"Sponsor {command.SponsorId} has only {state.Money(sponsor.UncalledMinor)} uncalled.");
        }

        RequireDueDate(command.DueDate, command.At.InUtc().Date);
        return new CapitalCalled(command.FundId, command.CallId, command.SponsorId, amount, command.DueDate, command.At);
    }

    /// <summary>A call falls due from the day it is made on, within <see cref="Limits.CallDueDaysMax"/> days.</summary>
    private static void RequireDueDate(LocalDate dueDate, LocalDate calledOn)
    {
        if (dueDate < calledOn)
        {
            throw DomainException.Invalid(
                ErrorCodes.CallDueDatePast, $"The call would be due on {dueDate:uuuu-MM-dd}, before the day it is made ({calledOn:uuuu-MM-dd}).", "dueDate");
        }

        if (dueDate > calledOn.PlusDays(Limits.CallDueDaysMax))
        {
            throw DomainException.Invalid(
                ErrorCodes.CallDueDateTooFar,
                $"The call would be due on {dueDate:uuuu-MM-dd}, more than {Limits.CallDueDaysMax} days after the day it is made ({calledOn:uuuu-MM-dd}).",
                "dueDate");
        }
    }

    private static CapitalReceived Receive(ReceiveCapital command, FundState state)
    {
        var amount = command.Amount.RequireCurrency(state.Currency, "amount").RequirePositive("amount");
        if (!state.Calls.TryGetValue(command.CallId.Value, out var call))
        {
            throw DomainException.Rule(ErrorCodes.CallUnknown, $"Capital call {command.CallId} does not exist.");
        }

        ValueDates.Require(command.ValueDate, command.At, call.CalledOn, "the capital call");

        if (amount.MinorUnits > call.OutstandingMinor)
        {
            throw DomainException.Rule(
                ErrorCodes.ReceiptExceedsOutstanding,
                $"Only {state.Money(call.OutstandingMinor)} is outstanding on call {command.CallId}.", "amount");
        }

        return new CapitalReceived(command.FundId, command.CallId, call.SponsorId, amount, command.ValueDate, command.At);
    }

    private static FundClosed Close(CloseFund command, FundState state)
    {
        if (state.Status == FundStatus.Closed)
        {
            throw DomainException.Rule(ErrorCodes.FundAlreadyClosed, $"Fund {state.Id} is already closed.");
        }

        var reason = BoundedText.Required(command.Reason, Limits.ReasonMaxLength, "Reason");
        return new FundClosed(command.FundId, reason, command.At);
    }
}
