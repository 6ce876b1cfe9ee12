namespace StartupFund.Domain.Common;

/// <summary>
/// A fact the rules guarantee did not hold: a bug, or a decision on state loaded from two moments
/// (which the command pipeline reads again before believing).
/// </summary>
public sealed class InvariantViolatedException(string message) : InvalidOperationException("Invariant violated: " + message);
