using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StartupFund.Web.Api;
using StartupFund.Web.Components;
using StartupFund.Web.Localization;
using StartupFund.Web.Session;

namespace StartupFund.Web;

/// <summary>The two calls that put the web app into the API host: services, then /app's middleware and endpoints.</summary>
public static class StartupFundWeb
{
    public const string PathBase = "/app";

    public static IServiceCollection AddStartupFundWeb(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<WebOptions>(configuration.GetSection("Web"));
        services.PostConfigure<WebOptions>(options => options.DemoSignIn |= configuration.GetValue<bool>("Auth:DemoSignIn"));
        services.AddRazorComponents();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddHttpContextAccessor();
        services.AddSingleton<LoopbackAddress>();
        services.AddHttpClient<ApiClient>(ApiClient.HttpClientName, (provider, client) =>
        {
            client.BaseAddress = provider.GetRequiredService<LoopbackAddress>().Resolve();
            client.Timeout = TimeSpan.FromSeconds(100);
        });
        services.AddSingleton<DemoSignIn>();
        services.AddScoped<SignIn>();
        return services;
    }

    /// <summary>Call after the host's authentication middleware, so antiforgery sees the signed-in user.</summary>
    public static WebApplication MapStartupFundWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            // ./build.sh run serves from the build output, not a published folder: let the static assets
            // of this library be found there too (a no-op when published, where they are copied to wwwroot).
            StaticWebAssetsLoader.UseStaticWebAssets(app.Environment, app.Configuration);
        }

        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(PathBase, StringComparison.Ordinal),
            branch => branch.UseRequestLocalization(WebCultures.Options()).UseFailurePages(app));
        app.UseAntiforgery();
        app.UsePostedForms();

        // Pages are open: each shows the sign-in link or what the API lets this caller read; the API refuses the rest.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AllowAnonymous();
        // Browsers ask every site for /favicon.ico: we have none, and saying so needs no sign-in (not a 401 on every page).
        app.MapGet("/favicon.ico", () => Results.NotFound()).AllowAnonymous().ExcludeFromDescription();
        SessionEndpoints.Map(app);
        ExportDownload.Map(app);
        return app;
    }
}
