namespace StartupFund.Domain.Tests.Properties;

/// <summary>What a random step does. Amounts are in units of 10,000.00 of the fund's currency.</summary>
public enum OpKind
{
    /// <summary>The natural next command for the application (or its fund), so random walks reach payments.</summary>
    Advance,
    CommitCapital,
    CallCapital,
    ReceiveCapital,
    Submit,
    StartReview,
    Score,
    Approve,
    AcceptOffer,
    DeclineOffer,
    CommitCoInvestment,
    ReceiveCoInvestment,
    CorrectCoInvestment,
    ReportMilestone,
    VerifyMilestone,
    Disburse,
    Reverse,
    CancelRemainder,
    CloseFund,
    RequestInformation,
    ProvideInformation,
    Withdraw,
    Reject,
    Amend,
}

/// <summary>
/// One random step: a command kind, the application it targets, an amount, a small selector, and how many days
/// after the (fixed) day of recording its money moves, for the steps that move money.
/// </summary>
public sealed record Op(OpKind Kind, int Application, int AmountUnits, int Selector, int DaysAhead)
{
    public override string ToString() => $"{Kind}(app {Application}, {AmountUnits}0k, #{Selector}, +{DaysAhead}d)";
}
