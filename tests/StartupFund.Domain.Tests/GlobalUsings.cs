global using StartupFund.Domain.Tests.Support;
