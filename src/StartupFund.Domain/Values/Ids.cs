using StartupFund.Domain.Values;

// In the root namespace on purpose: code in StartupFund.Domain.* then resolves ApplicationId to
// ours before System.ApplicationId (implicit usings). Code elsewhere may need a using alias.
namespace StartupFund.Domain;

/// <summary>A national startup fund (its stream id).</summary>
public readonly record struct FundId
{
    public FundId(string value) => Value = Identifier.Validate(value, nameof(FundId));

    public string Value { get; }

    public override string ToString() => Value;
}

/// <summary>One startup's request for money (its stream id).</summary>
public readonly record struct ApplicationId
{
    public ApplicationId(string value) => Value = Identifier.Validate(value, nameof(ApplicationId));

    public string Value { get; }

    public override string ToString() => Value;
}

/// <summary>A government, technology partner or private investor committing capital to a fund.</summary>
public readonly record struct SponsorId
{
    public SponsorId(string value) => Value = Identifier.Validate(value, nameof(SponsorId));

    public string Value { get; }

    public override string ToString() => Value;
}

/// <summary>The company applying for money.</summary>
public readonly record struct StartupId
{
    public StartupId(string value) => Value = Identifier.Validate(value, nameof(StartupId));

    public string Value { get; }

    public override string ToString() => Value;
}

/// <summary>A private co-investor putting money beside the fund's.</summary>
public readonly record struct InvestorId
{
    public InvestorId(string value) => Value = Identifier.Validate(value, nameof(InvestorId));

    public string Value { get; }

    public override string ToString() => Value;
}

/// <summary>A reviewer who scores applications.</summary>
public readonly record struct ReviewerId
{
    public ReviewerId(string value) => Value = Identifier.Validate(value, nameof(ReviewerId));

    public string Value { get; }

    public override string ToString() => Value;
}

/// <summary>One capital call on a sponsor.</summary>
public readonly record struct CallId
{
    public CallId(string value) => Value = Identifier.Validate(value, nameof(CallId));

    public string Value { get; }

    public override string ToString() => Value;
}
