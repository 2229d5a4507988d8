namespace Lucy.Portal.Core.SignIn;

/// <summary>Shows a phone number with all but its last two digits hidden, e.g. "+41 •••••••67".</summary>
public static class PhoneMask
{
    public static string Mask(string? e164)
    {
        if (string.IsNullOrWhiteSpace(e164) || e164.Length < 4)
        {
            return "your phone";
        }
        var digits = e164.TrimStart('+');
        var shown = digits[^2..];
        var prefix = digits.Length > 6 ? digits[..2] : "";
        return $"+{prefix} {new string('•', digits.Length - prefix.Length - 2)}{shown}";
    }
}
