using System.Globalization;
using StartupFund.Ledger.Audit;
using StartupFund.Ledger.Views;
using StartupFund.Web.Api;

namespace StartupFund.Web.Components.Pages;

/// <summary>An application with its history and its fund's name and policy, as the startup's and the manager's pages both load it.</summary>
public sealed record LoadedApplication(
    ApplicationView? Application, IReadOnlyList<AuditEventView> History, ApiProblem? Problem, string? FundName = null, PolicyView? FundPolicy = null);

public static class ApplicationPages
{
    public static async Task<LoadedApplication> LoadAsync(ApiClient api, string applicationId)
    {
        ArgumentNullException.ThrowIfNull(api);
        var path = $"applications/{Uri.EscapeDataString(applicationId)}";
        var application = await api.GetAsync<ApplicationView>(path).ConfigureAwait(false);
        if (application.Value is null)
        {
            return new LoadedApplication(null, [], application.Problem);
        }

        // The history and the fund's name are conveniences: a caller the API does not show them to still sees the application.
        var history = await api.GetAsync<AuditStreamView>($"{path}/history").ConfigureAwait(false);
        var fund = await api.GetAsync<FundView>($"funds/{Uri.EscapeDataString(application.Value.FundId)}").ConfigureAwait(false);
        return new LoadedApplication(application.Value, history.Value?.Events ?? [], null, fund.Value?.Name, fund.Value?.Policy);
    }

    /// <summary>
    /// The names of the funds a list of applications names (at most <paramref name="max"/> funds, one read each):
    /// a fund the caller may not read, or past the limit, is left out and shown by its id.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> FundNamesAsync(ApiClient api, IEnumerable<ApplicationView> applications, int max = 10)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(applications);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var fundId in applications.Select(a => a.FundId).Distinct(StringComparer.Ordinal).Take(max))
        {
            if ((await api.GetAsync<FundView>($"funds/{Uri.EscapeDataString(fundId)}").ConfigureAwait(false)).Value is { } fund)
            {
                names[fundId] = fund.Name;
            }
        }

        return names;
    }

    /// <summary>A tranche number from a form (1..999), or 0 which the API refuses with its own code.</summary>
    public static int TrancheNumber(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 1000 ? number : 0;
}
