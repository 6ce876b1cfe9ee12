using System.Globalization;
using Npgsql;
using NodaTime;
using StartupFund.Api.Access;
using StartupFund.Api.Applications;
using StartupFund.Api.Audit;
using StartupFund.Api.Countries;
using StartupFund.Api.Funds;
using StartupFund.Api.Http;
using StartupFund.EventStore;
using StartupFund.Ledger;
using StartupFund.Ledger.Json;
using StartupFund.Ledger.Pipeline;
using StartupFund.Security;
using StartupFund.Web;

var builder = WebApplication.CreateBuilder(args);

builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(options =>
{
    options.IncludeScopes = true;
    options.UseUtcTimestamp = true;
    options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
});

if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

builder.Services.AddSingleton<IClock>(SystemClock.Instance);
builder.Services.AddSingleton(_ =>
{
    var connectionString = builder.Configuration.GetConnectionString("StartupFund")
        ?? Environment.GetEnvironmentVariable("STARTUPFUND_DB")
        ?? throw new InvalidOperationException("No database: set STARTUPFUND_DB or ConnectionStrings:StartupFund.");
    return StoreDataSource.Create(connectionString);
});
builder.Services.AddSingleton(services => new StartupFundLedger(
    services.GetRequiredService<NpgsqlDataSource>(),
    new LedgerOptions { Clock = services.GetRequiredService<IClock>() }));
builder.Services.AddHostedService<MigrateOnStart>();
builder.Services.AddStartupFundAuth();
builder.Services.AddCallerRateLimits();
builder.Services.AddStartupFundWeb(builder.Configuration);

// A route or query value that does not bind reaches Problems, which says which one and what it expects.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(options => LedgerJson.Configure(options.SerializerOptions));
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
{
    var problem = context.ProblemDetails;
    if (!problem.Extensions.ContainsKey("code"))
    {
        // The framework's own answers (no route, a method the route does not take, a body that is not JSON) get
        // the same shape as ours: a stable code, our problem type and a sentence saying what to do.
        var code = problem.Status switch
        {
            404 => LedgerErrorCodes.NotFound,
            405 => "request.method_not_allowed",
            415 => LedgerErrorCodes.UnsupportedMediaType,
            >= 500 => LedgerErrorCodes.Internal,
            _ => LedgerErrorCodes.RequestMalformed,
        };
        var request = context.HttpContext.Request;
        problem.Extensions["code"] = code;
        problem.Type = ProblemTypes.Of(code);
        problem.Detail ??= problem.Status switch
        {
            404 => $"There is no resource at {request.Path}; docs/api.md and /openapi/v1.json list them.",
            405 => $"{request.Method} is not one of the methods {request.Path} takes (see the Allow header).",
            415 => "Send the body as JSON, with Content-Type: application/json.",
            _ => null,
        };
    }

    problem.Extensions["correlationId"] = Correlation.IdOf(context.HttpContext);
});
builder.Services.AddOpenApi(options =>
{
    options.AddDocumentTransformer((document, _, _) =>
    {
        document.Info.Title = "StartupFund API";
        document.Info.Description = "Event-sourced ledger for national startup funds. Errors are RFC 7807 ProblemDetails with a stable `code`.";
        return Task.CompletedTask;
    });
    options.AddDocumentTransformer(OpenApiSchemas.AddBearerScheme);
    options.AddDocumentTransformer(OpenApiSchemas.DescribeProblems);
    options.AddSchemaTransformer(OpenApiSchemas.Transform);
    options.AddOperationTransformer(OpenApiSchemas.AddCommandHeaders);
    options.AddOperationTransformer(OpenApiSchemas.AddResponseHeaders);
});

var app = builder.Build();
try
{
    app.Services.EnsureAuthConfigured();
}
catch (AuthConfigurationException e)
{
    await Console.Error.WriteLineAsync("StartupFund API refuses to start: " + e.Message);
    return 1;
}

app.UseMiddleware<Correlation>();
app.UseMiddleware<HeadAsGet>();
app.UseMiddleware<Problems>();
app.UseMiddleware<AccessProblems>();
app.UseStatusCodePages();

// The browsable docs are static files served before authorisation: public, like the OpenAPI document.
app.UseSwaggerUI(options =>
{
    options.SwaggerEndpoint("/openapi/v1.json", "StartupFund v1");
    options.RoutePrefix = "docs";
});
app.UseRouting();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).WithTags("Health").ExcludeFromDescription().AllowAnonymous().DisableRateLimiting();
app.MapGet("/health/ready", async (HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
    {
        if (await ledger.IsReadyAsync(token))
        {
            return Results.Ok(new { status = "ready" });
        }

        http.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(Problems.Problem(503, LedgerErrorCodes.Unavailable, "Not ready", "The database does not answer."));
    })
    .WithTags("Health").ExcludeFromDescription().AllowAnonymous().DisableRateLimiting();

FundEndpoints.Map(app);
ApplicationEndpoints.Map(app);
CountryEndpoints.Map(app);
AuditEndpoints.Map(app);
ExportEndpoints.Map(app);
ApplicationHistoryEndpoints.Map(app);
app.MapStartupFundWeb();

try
{
    await app.RunAsync();
}
catch (Exception e) when (e is not OperationCanceledException)
{
    // A start that cannot complete (no database, the port taken) is one line and exit 1, not an abort with a stack trace.
    await Console.Error.WriteLineAsync("StartupFund API cannot run: " + e.Message);
    return 1;
}

return 0;

/// <summary>The entry point, public for WebApplicationFactory.</summary>
public partial class Program;
