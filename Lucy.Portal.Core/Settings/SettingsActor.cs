using System.Security.Claims;

namespace Lucy.Portal.Core.Settings;

/// <summary>Who changes the settings, for the audit log.</summary>
public sealed record SettingsActor(string? UserId, string? Email, string? IpAddress = null)
{
    public static SettingsActor From(ClaimsPrincipal user, string? ipAddress = null) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier),
            user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name,
            ipAddress);
}
