namespace Lucy.Portal.Core.Policy;

/// <summary>Who must have a working second factor (Advanced Settings → 2FA policy).</summary>
public enum TwoFactorRequiredFor
{
    /// <summary>2FA is optional (the seed's behaviour).</summary>
    Off = 0,
    Administrators = 1,
    Everyone = 2,
}
