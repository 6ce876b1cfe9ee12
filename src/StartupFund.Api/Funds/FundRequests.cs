using System.ComponentModel.DataAnnotations;
using StartupFund.Api.Http;

namespace StartupFund.Api.Funds;

public sealed class MaxPublicShareInput
{
    [Required]
    public long? Numerator { get; init; }

    [Required]
    public long? Denominator { get; init; }
}

public sealed class MatchingBandInput
{
    /// <summary>Cumulative public money (decimal string, fund currency) this band runs up to; null = no cap.</summary>
    public string? UpToPublic { get; init; }

    [Required]
    public int? PublicParts { get; init; }

    [Required]
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
    [Required]
    public MoneyInput? TicketMin { get; init; }

    [Required]
    public MoneyInput? TicketMax { get; init; }

    [Required]
    public MatchingInput? Matching { get; init; }

    public int? MinimumReviewerScores { get; init; }
}

public sealed class OpenFundRequest
{
    /// <summary>Optional; a new id is made when absent.</summary>
    public string? Id { get; init; }

    [Required]
    public string? Country { get; init; }

    [Required]
    public string? Name { get; init; }

    [Required]
    public string? Currency { get; init; }

    [Required]
    public PolicyInput? Policy { get; init; }
}

public sealed class CommitCapitalRequest
{
    [Required]
    public string? SponsorId { get; init; }

    [Required]
    public string? SponsorName { get; init; }

    /// <summary>government, technologyPartner or privateInvestor.</summary>
    [Required]
    public string? Kind { get; init; }

    [Required]
    public MoneyInput? Amount { get; init; }
}

public sealed class CallCapitalRequest
{
    /// <summary>Optional; a new id is made when absent.</summary>
    public string? CallId { get; init; }

    [Required]
    public string? SponsorId { get; init; }

    [Required]
    public MoneyInput? Amount { get; init; }

    [Required]
    public string? DueDate { get; init; }
}

public sealed class ReceiveCapitalRequest
{
    [Required]
    public MoneyInput? Amount { get; init; }

    [Required]
    public string? ValueDate { get; init; }
}

public sealed class CloseFundRequest
{
    [Required]
    public string? Reason { get; init; }
}
