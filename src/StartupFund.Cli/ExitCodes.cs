namespace StartupFund.Cli;

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int VerificationFailed = 1;
    public const int UsageOrEnvironment = 2;
}
