using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace StartupFund.Api.Http;

/// <summary>
/// OpenAPI metadata shared by every command and query endpoint: bodies, responses, errors, headers.
/// Every one of them may answer 503 (with Retry-After) while the database does not answer.
/// </summary>
public static class EndpointDocs
{
    /// <param name="bodyOptional">The command may be sent without a body (its handler passes allowEmpty).</param>
    public static RouteHandlerBuilder Command<TRequest, TResponse>(this RouteHandlerBuilder builder, string name, string summary, bool created = false, bool bodyOptional = false)
        where TRequest : notnull
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddEndpointFilterFactory(KnownQueryParameters.Filter)
            .WithName(name)
            .WithSummary(summary)
            .WithDescription("Accepts Idempotency-Key (a retry returns the first response and writes nothing), If-Match (an ETag: the "
                + "command applies only at that version), and X-Correlation-Id; the actor recorded is the bearer token's subject. Responds with the resource and its ETag.")
            .Accepts<TRequest>(bodyOptional, "application/json")
            .Produces<TResponse>(created ? StatusCodes.Status201Created : StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>
    /// A file streamed as it is read: every refusal, including 503 when the database does not answer,
    /// comes as ProblemDetails before the first byte; once the 200 has started it is the file.
    /// </summary>
    public static RouteHandlerBuilder Download(this RouteHandlerBuilder builder, string name, string summary, string contentType)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilterFactory(KnownQueryParameters.Filter).WithName(name).WithSummary(summary).Produces<string>(StatusCodes.Status200OK, contentType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    public static RouteHandlerBuilder Query<TResponse>(this RouteHandlerBuilder builder, string name, string summary, bool notFound = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder = builder.AddEndpointFilterFactory(KnownQueryParameters.Filter).WithName(name).WithSummary(summary).Produces<TResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return notFound ? builder.ProducesProblem(StatusCodes.Status404NotFound) : builder;
    }
}
