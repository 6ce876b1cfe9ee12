using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace StartupFund.Web.Api;

/// <summary>
/// The base address the web app calls the API on: the configured one, or the server's own listening
/// address with a wildcard host (0.0.0.0, [::], +, *) replaced by loopback. Plain HTTP is preferred so
/// loopback calls need no certificate.
/// </summary>
public sealed class LoopbackAddress(IServer server, IOptions<WebOptions> options)
{
    public Uri Resolve()
    {
        if (options.Value.ApiBaseAddress is { } configured)
        {
            return configured;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 1 : 0).FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no listening address yet; set Web:ApiBaseAddress.");
        return ToLoopback(chosen);
    }

    public static Uri ToLoopback(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal);
        var hostStart = schemeEnd + 3;
        var portStart = address.LastIndexOf(':');
        var host = address[hostStart..portStart];
        if (host is "0.0.0.0" or "+" or "*" or "[::]" or "localhost")
        {
            address = string.Concat(address.AsSpan(0, hostStart), host == "[::]" ? "[::1]" : "127.0.0.1", address.AsSpan(portStart));
        }

        return new Uri(address.TrimEnd('/') + "/", UriKind.Absolute);
    }
}
