using StartupFund.Domain.Common;
using StartupFund.Domain.Values;

// In the root namespace on purpose: code in StartupFund.Domain.* then resolves ApplicationId to
// ours before System.ApplicationId (implicit usings). Code elsewhere may need a using alias.
// Value is validated on init, so a plain serializer (which sets properties of structs) cannot
// build an invalid id either.
namespace StartupFund.Domain;

/// <summary>A national startup fund (its stream id).</summary>
public readonly record struct FundId
{
    private readonly string value;

    public FundId(string value) => this.value = Identifier.Validate(value, "A fund id");

    public string Value { get => value; init => this.value = Identifier.Validate(value, "A fund id"); }

    public override string ToString() => Value;
}

/// <summary>One startup's request for money (its stream id).</summary>
public readonly record struct ApplicationId
{
    private readonly string value;

    public ApplicationId(string value) => this.value = Identifier.Validate(value, "An application id");

    public string Value { get => value; init => this.value = Identifier.Validate(value, "An application id"); }

    public override string ToString() => Value;
}

/// <summary>A government, technology partner or private investor committing capital to a fund.</summary>
public readonly record struct SponsorId
{
    private readonly string value;

    public SponsorId(string value) => this.value = Identifier.Validate(value, "A sponsor id");

    public string Value { get => value; init => this.value = Identifier.Validate(value, "A sponsor id"); }

    public override string ToString() => Value;
}

/// <summary>The company applying for money.</summary>
public readonly record struct StartupId
{
    private readonly string value;

    public StartupId(string value) => this.value = Identifier.Validate(value, "A startup id");

    public string Value { get => value; init => this.value = Identifier.Validate(value, "A startup id"); }

    public override string ToString() => Value;
}

/// <summary>A private co-investor putting money beside the fund's.</summary>
public readonly record struct InvestorId
{
    private readonly string value;

    public InvestorId(string value) => this.value = Identifier.Validate(value, "An investor id");

    public string Value { get => value; init => this.value = Identifier.Validate(value, "An investor id"); }

    public override string ToString() => Value;
}

/// <summary>
/// A reviewer who scores applications: a person, identified as the API identifies its callers (the
/// token's subject: 1 to 200 printable ASCII characters without spaces, so an e-mail address fits).
/// </summary>
public readonly record struct ReviewerId
{
    private readonly string value;

    public ReviewerId(string value) => this.value = Validate(value);

    public string Value { get => value; init => this.value = Validate(value); }

    public override string ToString() => Value;

    private static string Validate(string? value) =>
        value is { Length: > 0 and <= Limits.PersonIdMaxLength } && value.All(c => c is > ' ' and <= '~')
            ? value
            : throw DomainException.Invalid(ErrorCodes.IdInvalid, $"A reviewer id must be 1 to {Limits.PersonIdMaxLength} printable ASCII characters without spaces.");
}

/// <summary>One capital call on a sponsor.</summary>
public readonly record struct CallId
{
    private readonly string value;

    public CallId(string value) => this.value = Identifier.Validate(value, "A capital call id");

    public string Value { get => value; init => this.value = Identifier.Validate(value, "A capital call id"); }

    public override string ToString() => Value;
}
