namespace StartupFund.Security;

/// <summary>The Auth section cannot verify any token: the process must not start (it never runs open).</summary>
public sealed class AuthConfigurationException(string message) : Exception(message);
