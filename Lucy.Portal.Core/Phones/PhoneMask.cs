namespace Lucy.Portal.Core.Phones;

/// <summary>A phone number as audit entries and notices may show it: calling code and last two digits, "+41 •••• ••67".</summary>
public static class PhoneMask
{
    public static string Mask(string? e164, int? callingCode)
    {
        if (string.IsNullOrEmpty(e164))
        {
            return "(none)";
        }
        var digits = new string(e164.Where(char.IsAsciiDigit).ToArray());
        var lastTwo = digits.Length >= 2 ? digits[^2..] : "";
        var prefix = callingCode is { } code ? $"+{code} " : "";
        return $"{prefix}•••• ••{lastTwo}";
    }
}
