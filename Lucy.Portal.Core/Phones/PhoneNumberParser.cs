using PhoneNumbers;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Phones;

/// <summary>
/// Parses and validates a mobile number typed for a chosen country with libphonenumber. Only numbers that can receive
/// SMS are accepted (MOBILE, or FIXED_LINE_OR_MOBILE where a country's plan cannot tell): a landline is refused.
/// </summary>
public static class PhoneNumberParser
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static PhoneNumberCheck Check(string? region, string? number)
    {
        var country = PhoneCountries.Find(region);
        if (country is null)
        {
            return PhoneNumberCheck.Invalid(AccountStrings.Phone_ChooseCountry, aboutCountry: true);
        }
        if (string.IsNullOrWhiteSpace(number))
        {
            return PhoneNumberCheck.Invalid(AccountStrings.Phone_EnterMobile);
        }

        PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(number, country.Region);
        }
        catch (NumberParseException e)
        {
            return PhoneNumberCheck.Invalid(e.ErrorType switch
            {
                ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => AccountStrings.Phone_TooShort,
                ErrorType.TOO_LONG => AccountStrings.Phone_TooLong,
                _ => AccountStrings.Phone_NotANumber,
            });
        }

        switch (Util.IsPossibleNumberWithReason(parsed))
        {
            case PhoneNumberUtil.ValidationResult.TOO_SHORT:
                return PhoneNumberCheck.Invalid(AccountStrings.Phone_TooShort);
            case PhoneNumberUtil.ValidationResult.TOO_LONG:
                return PhoneNumberCheck.Invalid(AccountStrings.Phone_TooLong);
        }
        if (!Util.IsValidNumber(parsed))
        {
            return PhoneNumberCheck.Invalid(AccountStrings.Phone_NotValidIn(country.Name));
        }

        var type = Util.GetNumberType(parsed);
        if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            return PhoneNumberCheck.Invalid(type == PhoneNumberType.FIXED_LINE
                ? AccountStrings.Phone_Landline
                : AccountStrings.Phone_NeedsMobile);
        }

        // The number may carry its own prefix (+49… typed with Switzerland chosen): store the region it really belongs to.
        return new PhoneNumberCheck
        {
            E164 = Util.Format(parsed, PhoneNumberFormat.E164),
            CallingCode = parsed.CountryCode,
            Region = Util.GetRegionCodeForNumber(parsed) ?? country.Region,
        };
    }
}
