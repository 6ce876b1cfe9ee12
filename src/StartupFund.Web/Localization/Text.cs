namespace StartupFund.Web.Localization;

/// <summary>The one resource set of the web app: Resources/Localization/Text.resx (English) and Text.{culture}.resx.</summary>
public sealed class Text;
