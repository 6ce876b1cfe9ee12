namespace StartupFund.Web.Components.Parts;

/// <summary>One bar: a stable key (for test ids), its label, its size (minor units or a count) and the text shown beside it.</summary>
public sealed record ChartBar(string Key, string Label, long Value, string Text);
