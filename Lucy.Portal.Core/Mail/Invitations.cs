using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Microsoft.AspNetCore.Identity;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Mail;

/// <summary>
/// Adds a user without a password and mails them a link (72 hours, single use) to choose one, instead of an initial
/// password chosen by the administrator.
/// </summary>
public sealed class Invitations(
    PortalDbContext db, UserManager<PortalUser> users, AccountLinks links, MailSettings mail, MailOutbox outbox, OutboxSignal signal,
    DateDisplay dates, AuditLog audit, TimeProvider time)
{
    public async Task<bool> IsAvailableAsync(CancellationToken ct = default) => (await mail.GetAsync(ct)).IsConfigured;

    /// <param name="linkBase">The invitation page's absolute URL; the token is appended as "?token=".</param>
    public async Task<AccountResult> InviteAsync(string email, string role, string actorId, string linkBase, CancellationToken ct = default)
    {
        if (!await IsAvailableAsync(ct))
        {
            return AccountResult.Failed(AccountStrings.Invite_MailNotConfigured);
        }
        if (!PortalRoles.All.Contains(role))
        {
            return AccountResult.Failed(AccountStrings.User_UnknownRole(role));
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            return AccountResult.Failed(AccountStrings.User_EmailTaken);
        }
        var now = time.GetUtcNow();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = false, CreatedAt = now };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return AccountResult.From(created);
        }
        var inRole = await users.AddToRoleAsync(user, role);
        if (!inRole.Succeeded)
        {
            await users.DeleteAsync(user);
            return AccountResult.From(inRole);
        }
        var token = links.Add(user, AccountLinkPurpose.Invitation);
        // The invitee has chosen no language yet: the inviting administrator's is the best guess.
        outbox.Add(db, AccountLinkMail.Invitation(email, user.Id, linkBase + "?token=" + Uri.EscapeDataString(token), now, await dates.GetFormatAsync(ct),
            MailCulture.ForCurrentRequest(user.PreferredLanguage)));
        await db.SaveChangesAsync(ct);
        signal.Wake();
        await audit.WriteAsync(new AuditEntry(AuditEvents.UserCreated, AuditOutcome.Success)
        {
            ActorId = actorId,
            SubjectId = user.Id,
            Detail = $"{email} as {role}, invited by mail",
        }, ct);
        await audit.WriteAsync(new AuditEntry(AuditEvents.InvitationSent, AuditOutcome.Success) { ActorId = actorId, SubjectId = user.Id, Detail = email }, ct);
        return AccountResult.Success;
    }
}
