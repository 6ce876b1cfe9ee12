using Microsoft.Extensions.Localization;
using StartupFund.Domain.Applications;
using StartupFund.Web.Localization;

namespace StartupFund.Web.Components.Parts;

/// <summary>The options of the application forms' choice fields: the API's wire value and the user's words for it.</summary>
public static class Choices
{
    public static List<(string Value, string Text)> Stages(IStringLocalizer<Text> localizer) =>
        [.. Enum.GetValues<Stage>().Select(s => (Labels.Wire(s.ToString()), Labels.Stage(localizer, s)))];

    public static List<(string Value, string Text)> Instruments(IStringLocalizer<Text> localizer) =>
        [.. Enum.GetValues<Instrument>().Select(i => (Labels.Wire(i.ToString()), Labels.Instrument(localizer, i)))];
}
