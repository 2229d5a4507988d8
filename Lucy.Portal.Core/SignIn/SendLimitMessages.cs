using System.Globalization;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.SignIn;

/// <summary>What a refused send says: the cap and the time it lifts (in the configured time zone), or the cooldown; in the current UI culture.</summary>
public static class SendLimitMessages
{
    public static string Refused(SendAllowance allowance, DateDisplayFormat format) => allowance switch
    {
        { Busy: true } => SignInStrings.SendLimit_Busy,
        { CapReached: true, NextAllowedAt: { } lifts } =>
            SignInStrings.SendLimit_CapReached(OtpDeliveryLimiter.MaxPerWindow, OtpDeliveryLimiter.Window.TotalMinutes, TimeOfDay(lifts, format)),
        _ => SignInStrings.SendLimit_Wait,
    };

    public static string TimeOfDay(DateTimeOffset at, DateDisplayFormat format) =>
        TimeZoneInfo.ConvertTime(at, format.TimeZone).ToString("HH:mm", CultureInfo.InvariantCulture);
}
