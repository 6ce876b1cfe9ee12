using System.Collections.Frozen;
using StartupFund.Ledger.Pipeline;

namespace StartupFund.Api.Http;

/// <summary>
/// Refuses a query parameter the endpoint does not take, as unknown body fields are refused: an
/// <c>?asOf=</c> sent to an endpoint without time travel would otherwise get today's figures, which
/// read as the figures of then. The known ones are the handler's parameters of simple types that
/// are not route values (ASP.NET Core binds those from the query by name, ignoring case); a route
/// value's name in the query is refused too, since the route's value wins.
/// </summary>
public static class KnownQueryParameters
{
    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        string[] simple = [.. context.MethodInfo.GetParameters().Where(p => p.Name is not null && IsQueryValue(p.ParameterType)).Select(p => p.Name!)];
        var lookup = simple.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        return invocation =>
        {
            var http = invocation.HttpContext;
            foreach (var name in http.Request.Query.Keys)
            {
                if (!lookup.Contains(name) || http.Request.RouteValues.ContainsKey(name))
                {
                    var known = simple.Where(p => !http.Request.RouteValues.ContainsKey(p)).ToList();
                    throw new QueryException(LedgerErrorCodes.UnknownParameter, name, $"{Shorten(name)} is not a query parameter of this endpoint; "
                        + (known.Count == 0 ? "it takes none." : $"it takes {string.Join(", ", known)}."));
                }
            }

            return next(invocation);
        };
    }

    private static bool IsQueryValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal);
    }

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..40] + "...";
}
