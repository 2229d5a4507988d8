using Bunit;
using Bunit.Rendering;
using Lucy.Portal.Components.Pages.Users;
using Lucy.Portal.Components.Policy;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Mail;
using Lucy.Portal.Tests.Components.Account;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lucy.Portal.Tests.Components.Users;

/// <summary>The Users page, its row actions and dialogs in German: every text from UsersText, none missing.</summary>
public class UsersInGermanTests : AccountComponentTestBase
{
    private const string Bob = "bob@example.com";

    private readonly FakeStepUpGuard stepUp = new();

    public UsersInGermanTests() => Services.AddSingleton<IStepUpGuard>(stepUp);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var roleScope = Services.CreateAsyncScope())
        {
            var roles = roleScope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in PortalRoles.All)
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        // Bob: added by an administrator (so he must change his password), 2FA on, locked until an administrator unlocks.
        var created = await WithUserAsync<UserDirectory, AccountResult>((directory, admin) =>
            directory.CreateAsync(new NewUser(Bob, PortalRoles.User, "correct horse battery staple 2"), admin.Id));
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var bob = (await users.FindByEmailAsync(Bob))!;
        await users.SetTwoFactorEnabledAsync(bob, true);
        await users.SetLockoutEndDateAsync(bob, DateTimeOffset.MaxValue);
    }

    private static void AssertNothingMissing(IRenderedComponent<ContainerFragment> cut) =>
        Assert.DoesNotContain(StrictLocalization.MissingMarker, cut.Markup);

    private IRenderedComponent<ContainerFragment> RenderUsersPage()
    {
        var cut = RenderWithProviders<UsersPage>();
        cut.WaitForElement($"[data-testid='status-{Bob}']");
        return cut;
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<ContainerFragment> cut, string text) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == text);

    [Fact]
    public void The_user_list_speaks_German()
    {
        using var german = StrictLocalization.UseCulture("de");

        var cut = RenderUsersPage();

        var table = cut.Find("[data-testid=users-table]").TextContent;
        foreach (var header in new[] { "E-Mail", "Rolle", "2FA-Methoden", "Verbleibende Wiederherstellungscodes", "Letzte Anmeldung", "Gesperrt", "Erstellt am" })
        {
            Assert.Contains(header, table);
        }
        Assert.Contains("nie", table);
        Assert.Contains("Zeilen pro Seite", table);
        Assert.Equal("Gesperrt, bis ein Administrator entsperrt", cut.Find($"[data-testid='status-{Bob}']").TextContent.Trim());
        Assert.Equal("Nein", cut.Find($"[data-testid='status-{Email}']").TextContent.Trim());
        Assert.Contains("Aus", cut.Find($"[data-testid='methods-{Email}']").TextContent);
        Assert.Contains("Benutzer", cut.FindAll("tr").Single(row => row.TextContent.Contains(Bob, StringComparison.Ordinal)).TextContent);
        Assert.Equal("Entsperren", cut.Find($"[data-testid='unlock-{Bob}']").TextContent.Trim());
        Assert.Equal("2FA zurücksetzen", cut.Find($"[data-testid='reset-2fa-{Bob}']").TextContent.Trim());
        Assert.Equal("Sitzungen beenden", cut.Find($"[data-testid='end-sessions-{Bob}']").TextContent.Trim());
        Assert.Contains("Benutzer hinzufügen", cut.Find("[data-testid=add-user]").TextContent);
        AssertNothingMissing(cut);
    }

    [Fact]
    public void The_add_user_dialog_speaks_German_and_so_do_its_field_messages()
    {
        using var german = StrictLocalization.UseCulture("de");
        var cut = RenderUsersPage();

        cut.Find("[data-testid=add-user]").Click();

        cut.WaitForElement("[data-testid=new-user-save]");
        Assert.Contains("Anfangspasswort", cut.Markup);
        Assert.Contains("Zeichen. Der Benutzer muss es bei der ersten Anmeldung ändern.", cut.Markup);
        Assert.Contains("Einladungen brauchen E-Mail", cut.Markup);
        Assert.Equal("Benutzer", cut.Find("input[data-testid=new-user-role]").GetAttribute("value"));
        Assert.Equal("Hinzufügen", cut.Find("[data-testid=new-user-save]").TextContent.Trim());
        Assert.NotNull(Button(cut, "Abbrechen"));

        cut.Find("[data-testid=new-user-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Geben Sie ein Anfangspasswort ein.", cut.Markup));
        Assert.Contains("Geben Sie eine gültige E-Mail-Adresse ein.", cut.Markup);
        AssertNothingMissing(cut);
    }

    [Fact]
    public void Resetting_2FA_asks_for_the_email_in_German_and_names_the_action_for_the_step_up()
    {
        using var german = StrictLocalization.UseCulture("de");
        var cut = RenderUsersPage();

        cut.Find($"[data-testid='reset-2fa-{Bob}']").Click();

        cut.WaitForElement("[data-testid=reset-2fa-dialog]");
        Assert.Contains($"Dadurch werden alle zweiten Faktoren, Wiederherstellungscodes und gespeicherten Geräte von <b>{Bob}</b> entfernt", cut.Markup);
        Assert.Contains($"Geben Sie zur Bestätigung {Bob} ein", cut.Markup);
        ChangeInput(cut, "reset-2fa-confirmation", "someone@example.com");
        cut.Find("[data-testid=reset-2fa-confirm]").Click();
        cut.WaitForAssertion(() => Assert.Contains($"Geben Sie zur Bestätigung genau {Bob} ein.", cut.Markup));
        AssertNothingMissing(cut);

        ChangeInput(cut, "reset-2fa-confirmation", Bob);
        cut.Find("[data-testid=reset-2fa-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal([$"die 2FA von {Bob} zurücksetzen"], stepUp.Asked));
        // The audit log reads the same whoever acted: the action is recorded in English.
        Assert.Equal([$"reset the 2FA of {Bob}"], stepUp.Audited);
    }

    [Fact]
    public void Ending_sessions_asks_in_German_and_names_the_action_for_the_step_up()
    {
        using var german = StrictLocalization.UseCulture("de");
        var cut = RenderUsersPage();

        cut.Find($"[data-testid='end-sessions-{Bob}']").Click();

        cut.WaitForAssertion(() => Assert.Contains($"Alle Sitzungen von {Bob} beenden?", cut.Markup));
        AssertNothingMissing(cut);
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Sitzungen beenden").Click();

        cut.WaitForAssertion(() => Assert.Equal([$"die Sitzungen von {Bob} beenden"], stepUp.Asked));
        Assert.Equal([$"end the sessions of {Bob}"], stepUp.Audited);
    }

    [Fact]
    public async Task Undelivered_mail_is_reported_in_German()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var now = DateTimeOffset.UtcNow;
            db.Set<OutboxMessage>().AddRange(
                new OutboxMessage { To = Bob, Subject = "Einladung", Purpose = "test", CreatedAt = now, NextAttemptAt = now, Attempts = 5, GaveUpAt = now, LastError = "550 mailbox unavailable" },
                new OutboxMessage { To = Email, Subject = "Hinweis", Purpose = "test", CreatedAt = now, NextAttemptAt = now, Attempts = 2 });
            await db.SaveChangesAsync();
        }
        using var german = StrictLocalization.UseCulture("de");

        var cut = RenderWithProviders<UndeliveredMailBlock>();

        var block = cut.WaitForElement("[data-testid=undelivered-mail]").TextContent;
        Assert.Contains("Nicht zugestellte E-Mails", block);
        Assert.Contains("nach 5 Versuchen aufgegeben: 550 mailbox unavailable", block);
        Assert.Contains("wird erneut versucht (bisher 2 Versuche)", block);
        AssertNothingMissing(cut);
    }

    [Fact]
    public async Task An_email_with_markup_shows_as_text_in_the_reset_explanation()
    {
        using var german = StrictLocalization.UseCulture("de");
        const string email = "<img src=x onerror=alert(1)>@example.com";
        var cut = RenderWithProviders<UndeliveredMailBlock>();

        await cut.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<ResetTwoFactorDialog>(
            "2FA zurücksetzen", new DialogParameters<ResetTwoFactorDialog> { { d => d.Email, email } }));

        cut.WaitForAssertion(() => Assert.Contains("von <b>&lt;img src=x onerror=alert(1)&gt;@example.com</b> entfernt", cut.Markup));
        Assert.Empty(cut.FindAll("img[onerror]"));
    }
}
