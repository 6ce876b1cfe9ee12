namespace StartupFund.Domain.Funds;

/// <summary>Who stands behind a capital commitment; the journal keeps one equity account per kind.</summary>
public enum SponsorKind
{
    Government = 1,
    TechnologyPartner = 2,
    PrivateInvestor = 3,
}
