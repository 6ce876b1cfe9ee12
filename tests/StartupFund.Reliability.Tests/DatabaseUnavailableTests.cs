using System.Net.Sockets;
using Npgsql;
using StartupFund.Api.Http;

namespace StartupFund.Reliability.Tests;

/// <summary>The one rule behind 503: an outage is retried later, a bug of ours stays a 500.</summary>
public sealed class DatabaseUnavailableTests
{
    [Theory]
    [InlineData("57P01")] // admin shutdown: pg_ctl stop -m fast cuts every session with it
    [InlineData("57P02")]
    [InlineData("57P03")] // starting up or shutting down
    [InlineData("53300")] // too many connections
    [InlineData("08006")] // connection failure
    public void Server_states_of_an_outage_are_unavailable(string sqlState) =>
        DatabaseUnavailable.Is(new PostgresException("outage", "FATAL", "FATAL", sqlState)).ShouldBeTrue();

    [Theory]
    [InlineData("23505")] // a unique violation the pipeline did not expect
    [InlineData("42P01")] // a missing table
    [InlineData("22P05")] // a character jsonb cannot store
    public void Other_server_errors_are_bugs_not_outages(string sqlState) =>
        DatabaseUnavailable.Is(new PostgresException("bug", "ERROR", "ERROR", sqlState)).ShouldBeFalse();

    [Fact]
    public void A_driver_that_cannot_reach_the_server_means_unavailable_wherever_it_is_wrapped()
    {
        DatabaseUnavailable.Is(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))).ShouldBeTrue();
        DatabaseUnavailable.Is(new InvalidOperationException("wrapped", new NpgsqlException("Exception while reading from stream"))).ShouldBeTrue();
        DatabaseUnavailable.Is(new InvalidOperationException("a bug")).ShouldBeFalse();
    }
}
