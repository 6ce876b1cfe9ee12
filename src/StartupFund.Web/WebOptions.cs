namespace StartupFund.Web;

/// <summary>Settings of the web app (configuration section <c>Web</c>, plus <c>Auth:DemoSignIn</c>).</summary>
public sealed class WebOptions
{
    /// <summary>Lists the demo identities on the sign-in page and mints their tokens locally. Never in production.</summary>
    public bool DemoSignIn { get; set; }

    /// <summary>
    /// Where the API answers. Empty: the server's own listening address (loopback). Tests that host the
    /// app in memory set it together with their own message handler.
    /// </summary>
    public Uri? ApiBaseAddress { get; set; }
}
