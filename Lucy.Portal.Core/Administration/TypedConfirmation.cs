namespace Lucy.Portal.Core.Administration;

/// <summary>The typed confirmation of a destructive action: the expected text, ignoring case and surrounding spaces.</summary>
public static class TypedConfirmation
{
    public static bool Matches(string? typed, string? expected) =>
        !string.IsNullOrWhiteSpace(typed) && !string.IsNullOrEmpty(expected)
        && string.Equals(typed.Trim(), expected, StringComparison.OrdinalIgnoreCase);
}
