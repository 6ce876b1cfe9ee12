using System.Text.Json;
using Microsoft.Extensions.Localization;
using StartupFund.Domain.Applications;

namespace StartupFund.Web.Localization;

/// <summary>Resource keys of the domain's names (statuses, stages, instruments), so each is translated once.</summary>
public static class Labels
{
    public static string Status(IStringLocalizer<Text> l, ApplicationStatus status) => Of(l, "status.", status.ToString());

    /// <summary>A status as the API names it in a dictionary key (any casing).</summary>
    public static string Status(IStringLocalizer<Text> l, string status) => Of(l, "status.", status);

    public static string Stage(IStringLocalizer<Text> l, Stage stage) => Of(l, "stage.", stage.ToString());

    public static string Stage(IStringLocalizer<Text> l, string stage) => Of(l, "stage.", stage);

    public static string Instrument(IStringLocalizer<Text> l, Instrument instrument) => Of(l, "instrument.", instrument.ToString());

    public static string Milestone(IStringLocalizer<Text> l, MilestoneStatus status) => Of(l, "milestone.", status.ToString());

    /// <summary>The camelCase name the API uses on the wire (<c>underReview</c>).</summary>
    public static string Wire(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    private static string Of(IStringLocalizer<Text> l, string prefix, string name)
    {
        ArgumentNullException.ThrowIfNull(l);
        var text = l[prefix + Wire(name)];
        return text.ResourceNotFound ? name : text.Value;
    }
}
