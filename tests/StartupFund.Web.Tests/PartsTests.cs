using NodaTime;
using StartupFund.Web.Api;
using StartupFund.Web.Components.Pages.Manager;
using StartupFund.Web.Session;

namespace StartupFund.Web.Tests;

public sealed class PartsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://0.0.0.0:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://[::]:8080", "http://[::1]:8080/")]
    [InlineData("http://+:8081", "http://127.0.0.1:8081/")]
    [InlineData("http://localhost:5000", "http://127.0.0.1:5000/")]
    public void The_api_is_called_on_loopback_whatever_address_the_server_listens_on(string listening, string expected) =>
        LoopbackAddress.ToLoopback(listening).ToString().ShouldBe(expected);

    [Fact]
    public void The_policy_minimum_leverage_is_rounded_down_as_the_actual_leverage_is()
    {
        var eur = StartupFund.Domain.Values.Currency.Eur;
        var ticket = new StartupFund.Domain.Values.Money(100, eur);
        var sevenToThree = new StartupFund.Ledger.Views.PolicyView(ticket, ticket, [new(null, 7, 3)], null, 0);
        var halfPublic = new StartupFund.Ledger.Views.PolicyView(ticket, ticket, [], "1/2", 0);
        var none = new StartupFund.Ledger.Views.PolicyView(ticket, ticket, [], null, 0);
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        try
        {
            LeverageMinimum.Of(sevenToThree).ShouldBe(3m / 7m);
            LeverageMinimum.Text(3m / 7m).ShouldBe("0.42");
            LeverageMinimum.Of(halfPublic).ShouldBe(1m);
            LeverageMinimum.Of(new StartupFund.Ledger.Views.PolicyView(ticket, ticket, [new(null, 7, 3)], "1/2", 0)).ShouldBe(1m);
            LeverageMinimum.Of(none).ShouldBeNull();
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_date_alone_means_the_end_of_that_utc_day_and_the_future_means_now()
    {
        var now = Instant.FromUtc(2026, 11, 22, 12, 0);
        AsOfQuery.Parse("2026-03-31", null, now).Instant.ShouldBe(Instant.FromUtc(2026, 3, 31, 23, 59, 59));
        AsOfQuery.Parse("2026-03-31", "08:30", now).Instant.ShouldBe(Instant.FromUtc(2026, 3, 31, 8, 30));
        AsOfQuery.Parse("2026-03-31", "08:30:15", now).Instant.ShouldBe(Instant.FromUtc(2026, 3, 31, 8, 30, 15));
        AsOfQuery.Parse("2026-11-22", null, now).Instant.ShouldBe(now);
        AsOfQuery.Parse(null, null, now).Instant.ShouldBeNull();
        AsOfQuery.Parse("31/03/2026", null, now).Problem!.Code.ShouldBe(AsOfQuery.InvalidCode);
        AsOfQuery.Parse("2026-03-31", "25:00", now).Problem.ShouldNotBeNull();
    }

    [Fact]
    public void The_tranche_editor_adds_and_removes_rows_without_javascript()
    {
        var rows = new List<TrancheRow> { new("1.00", "a", "2026-01-01"), new("2.00", "b", "2026-02-01") };
        TrancheRows.Edit(TrancheRows.Add, rows).ShouldBeTrue();
        rows.Count.ShouldBe(3);
        TrancheRows.Edit(TrancheRows.RemovePrefix + "0", rows).ShouldBeTrue();
        rows.Select(r => r.Milestone).ShouldBe(["b", null]);
        TrancheRows.Edit(TrancheRows.RemovePrefix + "9", rows).ShouldBeTrue();
        rows.Count.ShouldBe(2);
        TrancheRows.Edit("approve", rows).ShouldBeFalse();
    }

    [Theory]
    [InlineData("/app/review", "/app/review")]
    [InlineData("/app/countries/DE?date=2026-01-01", "/app/countries/DE?date=2026-01-01")]
    [InlineData("https://evil.example/app", "/app")]
    [InlineData("//evil.example/app", "/app")]
    [InlineData("/app\\..\\evil", "/app")]
    [InlineData("/docs", "/app")]
    [InlineData("/app/../../x", "/app")]
    [InlineData("/app/./review", "/app")]
    [InlineData("/app/\treview", "/app")]
    [InlineData("/app/review\r\nSet-Cookie: x=1", "/app")]
    [InlineData("/app/r\u00e9sum\u00e9", "/app")]
    [InlineData("/app/review?q=a b", "/app")]
    [InlineData("/app/countries/DE?from=../x", "/app/countries/DE?from=../x")]
    [InlineData(null, "/app")]
    public void Only_a_path_of_the_app_is_a_place_to_go_back_to(string? returnUrl, string expected) =>
        SessionEndpoints.LocalOr(returnUrl, "/app").ShouldBe(expected);

    [Fact]
    public void Problems_of_the_api_are_read_with_their_fields()
    {
        var problem = ApiProblem.Parse(400, """
            {"code":"money.too_many_decimals","detail":"too many","fieldErrors":[{"field":"requested.amount","code":"money.too_many_decimals","message":"m"}]}
            """);
        problem.Code.ShouldBe("money.too_many_decimals");
        problem.For("requested").Single().Field.ShouldBe("requested.amount");
        problem.For("requested.amount").ShouldHaveSingleItem();
        problem.For("summary").ShouldBeEmpty();
        ApiProblem.Parse(502, "<html>bad gateway</html>").Code.ShouldBe("http.502");
    }
}
