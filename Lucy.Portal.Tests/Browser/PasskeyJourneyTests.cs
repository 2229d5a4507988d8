using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.TwoFactor.Passkeys;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

/// <summary>
/// Passkeys in Chromium with a virtual authenticator (DevTools WebAuthn domain: CTAP2, internal, resident keys, user
/// verified). WebAuthn refuses IP addresses as relying party ids, so these pages use http://localhost, which browsers
/// count as a secure context; the portal still listens on 127.0.0.1.
/// </summary>
public class PasskeyJourneyTests : BrowserTest
{
    private IPage passkeyPage = default!;
    private ICDPSession devTools = default!;
    private string authenticatorId = "";

    private string LocalhostBase => new UriBuilder(Portal.BaseAddress) { Host = "localhost" }.Uri.ToString();

    private static string Field(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Portal.SeedAccountsAsync();
        passkeyPage = await NewLocalhostPageAsync();
    }

    private async Task<IPage> NewLocalhostPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = LocalhostBase,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        devTools = await context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable");
        await AddAuthenticatorAsync();
        return page;
    }

    /// <summary>A new device: a virtual platform authenticator that verifies its user.</summary>
    private async Task AddAuthenticatorAsync()
    {
        var added = await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        authenticatorId = added!.Value.GetProperty("authenticatorId").GetString()!;
    }

    private async Task RemoveAuthenticatorAsync() =>
        await devTools.SendAsync("WebAuthn.removeVirtualAuthenticator", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId });

    private async Task PasswordAsync(IPage page, string email = PortalFactory.UserEmail)
    {
        await page.GotoAsync("Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await page.ClickAsync("[data-testid=login-submit]");
    }

    private async Task<IReadOnlyList<string>> EnrollWithPasskeyInWizardAsync(IPage page, string email = PortalFactory.UserEmail)
    {
        await PasswordAsync(page, email);
        // The first login of a fresh portal also warms it up.
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase), new PageWaitForURLOptions { Timeout = 45_000 });
        await page.GotoAsync("account/configure-2fa");
        await WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=method-passkey]");
        // Choosing a method rebuilds the wizard: continue only once the choice has landed.
        await page.WaitForSelectorAsync("[data-testid=configure-2fa-wizard] :text('Create a passkey')");
        await page.ClickAsync("[data-testid=method-continue]");
        await page.FillAsync(Field("passkey-name"), "Work laptop");
        await page.ClickAsync("[data-testid=passkey-create]");
        var codes = await (await page.WaitForSelectorAsync("[data-testid=recovery-codes]"))!.InnerTextAsync();
        await page.ClickAsync("[data-testid=recovery-codes-saved]");
        await page.ClickAsync("[data-testid=configure-2fa-finish]");
        await page.WaitForURLAsync("**/Account/Login");
        return codes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private async Task<List<string>> AuditDetailsAsync(string auditEvent)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditEvents.Where(e => e.Event == auditEvent).Select(e => e.Detail ?? "").ToListAsync();
    }

    [Fact]
    public async Task Passkey_added_in_the_wizard_signs_in_after_the_password_and_alone_and_a_second_one_can_replace_it()
    {
        var page = passkeyPage;
        var recoveryCodes = await EnrollWithPasskeyInWizardAsync(page);
        Assert.Equal(10, recoveryCodes.Count);

        // Password, then the prompt opens on the passkey: one click, the virtual authenticator answers, signed in.
        await PasswordAsync(page);
        await page.WaitForURLAsync("**/Account/LoginWith2fa**");
        await WaitForCircuitAsync(page);
        await page.WaitForSelectorAsync("[data-testid=tab-passkey][aria-selected=true]");
        await page.ClickAsync("[data-testid=passkey-use]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(await AuditDetailsAsync("login.completed"), d => d == "Passkey");

        // The Account page lists it, used. The same device cannot hold a second passkey for the account (the options
        // exclude the ones it has); a new device adds one next to it.
        await page.GotoAsync("account");
        await WaitForCircuitAsync(page);
        await page.WaitForSelectorAsync("[data-testid=passkey-row-name]:has-text('Work laptop')");
        Assert.NotEqual("never", await page.InnerTextAsync("[data-testid=passkey-row-last-used]"));
        await page.FillAsync(Field("passkey-name"), "Second key");
        await page.ClickAsync("[data-testid=passkey-create]");
        await page.WaitForSelectorAsync("text=This device already holds a passkey for your account.");
        await RemoveAuthenticatorAsync();
        await AddAuthenticatorAsync();
        await page.ClickAsync("[data-testid=passkey-create]");
        await page.WaitForSelectorAsync("[data-testid=passkey-row-name]:has-text('Second key')");

        // Removing one needs a current factor: a recovery code.
        await page.ClickAsync("[data-testid=passkey-row]:has-text('Work laptop') [data-testid=passkey-remove]");
        await page.FillAsync(Field("current-code"), recoveryCodes[0]);
        await page.ClickAsync("[data-testid=current-code-submit]");
        await page.WaitForSelectorAsync("[data-testid=passkeys-message]:has-text('removed')");
        Assert.Equal(1, await page.Locator("[data-testid=passkey-row]").CountAsync());

        // The last one stays: it is the only second factor.
        await page.ClickAsync("[data-testid=passkey-remove]");
        await page.WaitForSelectorAsync($"[data-testid=passkeys-message]:has-text('{PasskeyRemoval.LastFactorMessage[..30]}')");

        // Passwordless: log out, then "Sign in with a passkey" alone.
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("Account/Login");
        await page.ClickAsync("[data-testid=passkey-signin]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.OrdinalIgnoreCase));
        await page.GotoAsync("account");
        await page.WaitForSelectorAsync("[data-testid=account-email]");
        Assert.Contains(await AuditDetailsAsync("login.completed"), d => d == "Passkey (passwordless)");
    }

    [Fact]
    public async Task An_assertion_whose_client_data_names_another_origin_is_refused_and_a_locked_account_stays_locked()
    {
        var page = passkeyPage;
        await EnrollWithPasskeyInWizardAsync(page);

        await page.GotoAsync("Account/Login");
        // What a phishing proxy would relay: a real signature from the user's authenticator, over client data that
        // names its own origin. The portal must refuse it before anything else.
        await page.EvaluateAsync("""
            async () => {
                const form = document.querySelector('form[data-passkey-signin]');
                const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
                const options = await (await fetch('Account/PasskeyOptions', { method: 'POST', headers: { RequestVerificationToken: token } })).json();
                const credential = (await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) })).toJSON();
                const decode = s => atob(s.replace(/-/g, '+').replace(/_/g, '/'));
                const encode = s => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
                const clientData = JSON.parse(decode(credential.response.clientDataJSON));
                clientData.origin = 'https://portal.example.evil';
                credential.response.clientDataJSON = encode(JSON.stringify(clientData));
                form.querySelector('input[name="credential"]').value = JSON.stringify(credential);
                form.submit();
            }
            """);
        await page.WaitForSelectorAsync("[data-testid=status-message]:has-text('did not sign you in')");
        Assert.Contains(await AuditDetailsAsync(PasskeyAuditEvents.PasswordlessRefused),
            d => d.Contains("origin", StringComparison.OrdinalIgnoreCase) && d.Contains("portal.example.evil", StringComparison.Ordinal));
        Assert.DoesNotContain(await AuditDetailsAsync("login.completed"), d => d.StartsWith("Passkey", StringComparison.Ordinal));

        // A locked account stays locked, with a passkey as with a password.
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(PortalFactory.UserEmail))!, DateTimeOffset.UtcNow.AddMinutes(10));
        }
        await page.GotoAsync("Account/Login");
        await page.ClickAsync("[data-testid=passkey-signin]");
        await page.WaitForURLAsync("**/Account/Lockout**");
        Assert.Contains(await AuditDetailsAsync("login.locked-out"), d => d == "passkey sign-in");
        Assert.DoesNotContain(await AuditDetailsAsync("login.completed"), d => d.StartsWith("Passkey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_administrator_steps_up_and_gets_new_recovery_codes_with_a_passkey_and_a_device_without_one_gets_a_clear_message()
    {
        var page = passkeyPage;
        var recoveryCodes = await EnrollWithPasskeyInWizardAsync(page, PortalFactory.AdminEmail);
        await PasswordAsync(page, PortalFactory.AdminEmail);
        await page.WaitForURLAsync("**/Account/LoginWith2fa**");
        await WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=passkey-use]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.OrdinalIgnoreCase));

        // The sign-in was a fresh proof; five minutes later it is not.
        await ForgetStepUpAsync();
        await page.GotoAsync("users");
        await WaitForCircuitAsync(page);
        await EndSessionsOfUserAsync(page);
        await page.ClickAsync("[data-testid=current-code-passkey]");
        await page.WaitForSelectorAsync("[data-testid=current-code-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        // The action went ahead on the passkey's proof, which the session now holds.
        for (var wait = 0; wait < 50 && (await AuditDetailsAsync(AuditEvents.SessionsEndedByAdministrator)).Count == 0; wait++)
        {
            await Task.Delay(100);
        }
        Assert.Single(await AuditDetailsAsync(AuditEvents.SessionsEndedByAdministrator));
        Assert.Contains(await AuditDetailsAsync(AuditEvents.StepUpVerified), d => d.StartsWith("passkey; ", StringComparison.Ordinal));

        // On the Account page the passkey proves for new recovery codes too: no recovery code is spent to get new ones.
        await page.GotoAsync("account");
        await WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=regenerate-recovery-codes]");
        await page.ClickAsync("[data-testid=current-code-passkey]");
        var newCodes = await (await page.WaitForSelectorAsync("[data-testid=recovery-codes]"))!.InnerTextAsync();
        Assert.Equal(10, newCodes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(newCodes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), recoveryCodes.Contains);

        // Its factor can be renamed in place, with no proof asked: it is a label.
        await page.ClickAsync("[data-testid=factor-rename-Passkey]");
        await page.FillAsync(Field("rename-factor-name"), "Keys on my desk");
        await page.ClickAsync("[data-testid=rename-factor-save]");
        await page.WaitForSelectorAsync("[data-testid=factor-Passkey]:has-text('Keys on my desk')");
        Assert.Contains("Passkey", await page.InnerTextAsync("[data-testid=factor-Passkey] td:nth-child(2)"));
        await page.GotoAsync("users");
        await WaitForCircuitAsync(page);

        // A device that holds no passkey for the account: the dialog stays, says why, and nothing is counted as a guess.
        await RemoveAuthenticatorAsync();
        await AddAuthenticatorAsync();
        await ForgetStepUpAsync();
        await EndSessionsOfUserAsync(page);
        await page.ClickAsync("[data-testid=current-code-passkey]");
        await page.WaitForSelectorAsync("[data-testid=current-code-dialog] .mud-input-helper-text.mud-input-error");
        Assert.Equal(1, await page.Locator("[data-testid=current-code-dialog]").CountAsync());
        Assert.Single(await AuditDetailsAsync(AuditEvents.SessionsEndedByAdministrator));
        Assert.Empty(await AuditDetailsAsync(AuditEvents.TwoFactorReverificationFailed));
    }

    private async Task EndSessionsOfUserAsync(IPage page)
    {
        await page.ClickAsync($"[data-testid='end-sessions-{PortalFactory.UserEmail}']");
        await page.ClickAsync(".mud-dialog-actions button:has-text('End sessions')");
        await page.WaitForSelectorAsync("[data-testid=current-code-passkey]");
    }

    private async Task ForgetStepUpAsync()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Set<UserSession>().ExecuteUpdateAsync(s => s.SetProperty(x => x.StepUpVerifiedAt, (DateTimeOffset?)null));
    }

    public override async Task DisposeAsync()
    {
        await passkeyPage.Context.CloseAsync();
        await base.DisposeAsync();
    }
}
