using System.Net;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Mail;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Mail;

/// <summary>An administrator invites a user by mail; the user chooses the password through the link.</summary>
public class InvitationTests : IAsyncLifetime
{
    private const string Invitee = "invitee@lucy.test";
    private const string Chosen = "the invitee chose this passphrase";
    private readonly MailPortal _portal = new();

    public async Task InitializeAsync()
    {
        await _portal.Smtp.StartAsync();
        await _portal.SeedAccountsAsync();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private async Task<AccountResult> InviteAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Invitations>()
            .InviteAsync(Invitee, PortalRoles.User, "admin", "http://localhost/Account/AcceptInvitation");
    }


    [Fact]
    public async Task An_invited_user_chooses_a_password_once_and_logs_in_with_it()
    {
        await _portal.ConfigureMailAsync();
        Assert.True((await InviteAsync()).Succeeded);
        var mail = await _portal.Smtp.WaitForMessageToAsync(Invitee);
        Assert.Equal("Lucy Portal: your invitation", mail.Subject);
        var link = MailLinks.PathTo(mail, "/Account/AcceptInvitation");
        using var invitee = _portal.CreateSession();

        using var accepted = (await LinkForms.PostAsync(invitee, link, "accept-invitation", Chosen)).Single();
        ResponseAssert.RedirectsTo(accepted, "/Account/Login");
        using (var again = await invitee.GetAsync(link))
        {
            Assert.Contains("data-testid=\"link-invalid\"", await again.Content.ReadAsStringAsync());
        }
        using var login = await invitee.LoginAsync(Invitee, Chosen);

        ResponseAssert.RedirectsTo(login, "/");
        using var home = await invitee.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task Twenty_acceptances_of_one_invitation_at_once_set_a_password_once()
    {
        await _portal.ConfigureMailAsync();
        Assert.True((await InviteAsync()).Succeeded);
        var token = LinkForms.TokenOf(MailLinks.PathTo(await _portal.Smtp.WaitForMessageToAsync(Invitee), "/Account/AcceptInvitation"));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            await using var scope = _portal.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AccountLinks>()
                .RedeemAsync(token, AccountLinkPurpose.Invitation, $"racing passphrase number {i:00}", "203.0.113.5");
        }));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(19, results.Count(r => r.LinkInvalid));
    }

    [Fact]
    public async Task An_invited_user_has_no_password_until_the_link_is_used()
    {
        await _portal.ConfigureMailAsync();
        await InviteAsync();

        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.False(await users.HasPasswordAsync((await users.FindByEmailAsync(Invitee))!));
    }

    [Fact]
    public async Task An_invitation_expires_after_72_hours()
    {
        await _portal.ConfigureMailAsync();
        await InviteAsync();
        var link = MailLinks.PathTo(await _portal.Smtp.WaitForMessageToAsync(Invitee), "/Account/AcceptInvitation");
        _portal.Time.Advance(AccountLinks.InvitationLifetime + TimeSpan.FromSeconds(1));
        using var invitee = _portal.CreateSession();

        using var page = await invitee.GetAsync(link);

        Assert.Contains("data-testid=\"link-invalid\"", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_invitation_link_is_not_a_password_reset_link()
    {
        await _portal.ConfigureMailAsync();
        await InviteAsync();
        var link = MailLinks.PathTo(await _portal.Smtp.WaitForMessageToAsync(Invitee), "/Account/AcceptInvitation");
        using var visitor = _portal.CreateSession();

        using var page = await visitor.GetAsync(link.Replace("AcceptInvitation", "ResetPassword", StringComparison.Ordinal));

        Assert.Contains("data-testid=\"link-invalid\"", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_mail_an_invitation_is_refused_and_no_user_is_created()
    {
        var result = await InviteAsync();

        Assert.False(result.Succeeded);
        await using var scope = _portal.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(Invitee));
    }
}
