using StartupFund.Api.Http;

namespace StartupFund.Api.Funds;

public sealed class MaxPublicShareInput
{
    public long? Numerator { get; init; }

    public long? Denominator { get; init; }
}

public sealed class MatchingBandInput
{
    /// <summary>Cumulative public money (decimal string, fund currency) this band runs up to; null = no cap.</summary>
    public string? UpToPublic { get; init; }

    public int? PublicParts { get; init; }

    public int? PrivateParts { get; init; }
}

public sealed class MatchingInput
{
    /// <summary>A ready-made policy: none, ukFutureFund, israelYozma, singaporeStartupSgEquity, eif. Or give bands/maxPublicShare.</summary>
    public string? Preset { get; init; }

    public IReadOnlyList<MatchingBandInput>? Bands { get; init; }

    public MaxPublicShareInput? MaxPublicShare { get; init; }
}

public sealed class PolicyInput
{
    public MoneyInput? TicketMin { get; init; }

    public MoneyInput? TicketMax { get; init; }

    public MatchingInput? Matching { get; init; }

    public int? MinimumReviewerScores { get; init; }
}

public sealed class OpenFundRequest
{
    /// <summary>Optional; a new id is made when absent.</summary>
    public string? Id { get; init; }

    public string? Country { get; init; }

    public string? Name { get; init; }

    public string? Currency { get; init; }

    public PolicyInput? Policy { get; init; }
}

public sealed class CommitCapitalRequest
{
    public string? SponsorId { get; init; }

    public string? SponsorName { get; init; }

    /// <summary>government, technologyPartner or privateInvestor.</summary>
    public string? Kind { get; init; }

    public MoneyInput? Amount { get; init; }
}

public sealed class CallCapitalRequest
{
    /// <summary>Optional; a new id is made when absent.</summary>
    public string? CallId { get; init; }

    public string? SponsorId { get; init; }

    public MoneyInput? Amount { get; init; }

    public string? DueDate { get; init; }
}

public sealed class ReceiveCapitalRequest
{
    public MoneyInput? Amount { get; init; }

    public string? ValueDate { get; init; }
}

public sealed class CloseFundRequest
{
    public string? Reason { get; init; }
}
