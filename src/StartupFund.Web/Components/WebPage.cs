using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using StartupFund.Web.Api;
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

    protected WebUser? User => WebUser.From(HttpContext?.User);

    /// <summary>The current path and query, to come back to after signing in or changing language.</summary>
    protected string Here => "/" + Navigation.ToBaseRelativePath(Navigation.Uri);

    /// <summary>A fresh idempotency key for a form about to be rendered.</summary>
    protected static string NewKey() => Guid.NewGuid().ToString("N");
}
