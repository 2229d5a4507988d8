using System.Security.Cryptography;
using System.Text;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Mail;

/// <summary>
/// Issues and redeems the single-use links of <see cref="AccountLink"/>. Redeeming sets the password and renews the
/// security stamp: every session and remembered device of the account ends, and nobody is signed in, so the next
/// login asks for the password and the second factor (ASVS 5.0 6.4.3). A lockout is left as it is (docs/mail.md).
/// </summary>
public sealed class AccountLinks(PortalDbContext db, UserManager<PortalUser> users, AuditLog audit, IUserNotifier notifier, TimeProvider time)
{
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromHours(72);

    /// <summary>Adds a link for the user to the context (saved by the caller, with its mail); returns the token for the URL.</summary>
    internal string Add(PortalUser user, AccountLinkPurpose purpose)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        db.Set<AccountLink>().Add(new AccountLink
        {
            UserId = user.Id,
            Purpose = purpose,
            TokenHash = Hash(token),
            SecurityStamp = user.SecurityStamp ?? "",
            CreatedAt = now,
            ExpiresAt = now + (purpose == AccountLinkPurpose.Invitation ? InvitationLifetime : PasswordResetLifetime),
        });
        return token;
    }

    /// <summary>Whether the link can still be used, without using it (the page shows the form only then).</summary>
    public async Task<bool> IsUsableAsync(string? token, AccountLinkPurpose purpose, CancellationToken ct = default) =>
        await FindAsync(token, purpose, ct) is not null;

    /// <summary>Sets the password through the link, once. Nobody is signed in.</summary>
    public async Task<LinkRedemption> RedeemAsync(string? token, AccountLinkPurpose purpose, string newPassword, string? ip, CancellationToken ct = default)
    {
        var found = await FindAsync(token, purpose, ct);
        if (found is null)
        {
            await AuditAsync(purpose, AuditOutcome.Failure, null, ip, "link unknown, used, expired or voided", ct);
            return LinkRedemption.Invalid;
        }
        var (link, user) = found.Value;
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, user, newPassword);
            problems.AddRange(checkedPassword.Errors.Select(e => e.Description));
        }
        if (problems.Count > 0)
        {
            // The link is not used up by a password the policy refuses.
            return LinkRedemption.Refused(problems);
        }
        var now = time.GetUtcNow();
        var claimed = await db.Set<AccountLink>().Where(l => l.Id == link.Id && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.UsedAt, now), ct);
        if (claimed != 1)
        {
            await AuditAsync(purpose, AuditOutcome.Failure, user.Id, ip, "link used by a parallel request", ct);
            return LinkRedemption.Invalid;
        }
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), newPassword);
        if (!reset.Succeeded)
        {
            await db.Set<AccountLink>().Where(l => l.Id == link.Id).ExecuteUpdateAsync(set => set.SetProperty(l => l.UsedAt, (DateTimeOffset?)null), ct);
            return LinkRedemption.Refused(reset.Errors.Select(e => e.Description).ToList());
        }
        user.MustChangePassword = false;
        user.PasswordChangedAt = now;
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await AuditAsync(purpose, AuditOutcome.Success, user.Id, ip, null, ct);
        if (purpose == AccountLinkPurpose.PasswordReset)
        {
            await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.PasswordChanged) { IpAddress = ip, Detail = "set through a password reset link" }, ct);
        }
        return LinkRedemption.Done(await users.IsLockedOutAsync(user));
    }

    private async Task<(AccountLink Link, PortalUser User)?> FindAsync(string? token, AccountLinkPurpose purpose, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }
        var hash = Hash(token);
        var now = time.GetUtcNow();
        var link = await db.Set<AccountLink>().AsNoTracking()
            .SingleOrDefaultAsync(l => l.TokenHash == hash && l.Purpose == purpose && l.UsedAt == null, ct);
        if (link is null || link.ExpiresAt <= now)
        {
            return null;
        }
        var user = await users.FindByIdAsync(link.UserId);
        // A password change (or any stamp renewal) since the link was issued voids it.
        return user is null || user.SecurityStamp != link.SecurityStamp ? null : (link, user);
    }

    private Task AuditAsync(AccountLinkPurpose purpose, AuditOutcome outcome, string? userId, string? ip, string? detail, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry(purpose == AccountLinkPurpose.Invitation ? AuditEvents.InvitationAccepted : AuditEvents.PasswordReset, outcome)
        {
            ActorId = userId,
            IpAddress = ip,
            Detail = detail,
        }, ct);

    internal static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}

/// <summary>What became of a link: invalid (unknown, used, expired, voided), refused password (link kept), or done.</summary>
public sealed record LinkRedemption(bool Succeeded, bool LinkInvalid, IReadOnlyList<string> Errors, bool AccountLocked)
{
    public static LinkRedemption Invalid => new(false, true, [AccountStrings.Link_NoLongerValid], false);

    public static LinkRedemption Refused(IReadOnlyList<string> errors) => new(false, false, errors, false);

    public static LinkRedemption Done(bool locked) => new(true, false, [], locked);
}
