using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using NodaTime;
using StartupFund.Ledger.Views;
using StartupFund.Web.Api;
using StartupFund.Web.Components.Pages;
using StartupFund.Web.Session;

namespace StartupFund.Web.Components;

/// <summary>What every page has: the request, the API client, who is signed in, and localised problem text.</summary>
public abstract class WebPage : ComponentBase
{
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    [Inject]
    public ApiClient Api { get; set; } = default!;

    [Inject]
    public NavigationManager Navigation { get; set; } = default!;

    [Inject]
    public IClock Clock { get; set; } = default!;

    private IReadOnlyList<string>? countries;

    protected WebUser? User => WebUser.From(HttpContext?.User);

    /// <summary>The countries to offer: the token's own, or (after <see cref="LoadCountriesAsync"/>) those with a fund for someone who sees every country.</summary>
    protected IReadOnlyList<string> Countries => countries ?? User?.VisibleCountries ?? [];

    /// <summary>Whether "all countries" is a scope of its own for this user; otherwise a page works on one of <see cref="Countries"/>.</summary>
    protected bool SeesEveryCountry => User is { Caller.SeesEveryCountry: true };

    /// <summary>
    /// The country a page covers: the one asked for, or, for a user who does not see every country and
    /// asked for none of theirs (an edited address), the first of theirs, so the picker and the links agree.
    /// </summary>
    protected string? CountryOr(string? asked) =>
        SeesEveryCountry || Countries.Count == 0 || (!string.IsNullOrEmpty(asked) && Countries.Contains(asked)) ? asked : Countries[0];

    protected async Task LoadCountriesAsync()
    {
        if (User is { Caller.SeesEveryCountry: true })
        {
            var funds = await Api.GetAsync<Page<FundView>>("funds?limit=200").ConfigureAwait(true);
            if (funds.Value is { Items.Count: > 0 } page)
            {
                countries = [.. page.Items.Select(f => f.Country).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Today's date in UTC as a date field takes it (the default value date of a payment or receipt).</summary>
    protected string Today => DateField(TodayUtc);

    /// <summary>Today's date in UTC.</summary>
    protected LocalDate TodayUtc => Clock.GetCurrentInstant().InUtc().Date;

    /// <summary>A date as a date field takes it (ISO, whatever the user's language).</summary>
    internal static string DateField(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The current path and query, to come back to after signing in or changing language.</summary>
    protected string Here => "/" + Navigation.ToBaseRelativePath(Navigation.Uri);

    /// <summary>
    /// Answers 404 with the web app's not-found page in the layout (the router's NotFoundPage) in
    /// place of this page: Blazor renders no body of its own for a page that merely sets status 404.
    /// <paramref name="title"/> and <paramref name="problem"/> say there what was not found.
    /// </summary>
    protected void AnswerNotFound(string? title = null, ApiProblem? problem = null)
    {
        if (HttpContext is not null)
        {
            NotFoundPage.Describe(HttpContext, title, problem);
        }

        Navigation.NotFound();
    }

    /// <summary>
    /// A page about one resource whose load the API refused as not found, or whose id in the path is
    /// not an id at all (400): nothing lives at this address, so the page answers 404.
    /// </summary>
    protected void AnswerNotFoundIf(ApiProblem? problem, string title)
    {
        if (problem is { Status: StatusCodes.Status404NotFound or StatusCodes.Status400BadRequest })
        {
            AnswerNotFound(title, problem);
        }
    }

    /// <summary>
    /// After a command went through: go to <paramref name="url"/>, which says so once
    /// (<paramref name="notice"/>, one of <see cref="Notice.Keys"/>, carried by <see cref="Notice"/>, not by the address).
    /// </summary>
    protected void Succeeded(string url, string notice)
    {
        if (HttpContext is not null)
        {
            Notice.Set(HttpContext, notice);
        }

        Navigation.NavigateTo(url);
    }

    /// <summary>A fresh idempotency key for a form about to be rendered.</summary>
    protected static string NewKey() => Guid.NewGuid().ToString("N");
}
