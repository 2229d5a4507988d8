using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Extensions;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Browser;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Integration.ScaleOut;

/// <summary>
/// Two portal processes on one database behind HAProxy with cookie-sticky sessions, driven by Chromium: a login and
/// its token prompt (a Blazor circuit) stay on one instance; when that instance stops, the same browser's cookies
/// are honoured by the other one (shared key ring and sessions), it signs in again there, and nothing written
/// through the first instance is lost.
/// </summary>
public sealed class BalancerFailoverTests : IAsyncLifetime
{
    private const string AdminEmail = "ops@lucy.test";
    private const string UserEmail = "operator@lucy.test";

    private PortalInstances _instances = default!;
    private HaproxyBalancer _balancer = default!;
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;
    private byte[] _seed = default!;
    private readonly List<string> _console = [];

    public async Task InitializeAsync()
    {
        var certificate = TestKeyRingCertificates.Default;
        _instances = await PortalInstances.StartAsync(new Dictionary<string, string>
        {
            ["FirstAdministrator__Email"] = AdminEmail,
            ["FirstAdministrator__Password"] = PortalFactory.Password,
            ["DataProtection__CertificatePath"] = certificate.Path,
            ["DataProtection__CertificatePassword"] = TestKeyRingCertificates.Password,
            // The build output (not a publish) serves MudBlazor's and the app's static assets only with static web
            // assets on, which the host turns on in Development; a browser needs them to start its circuit.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        });
        _seed = await SeedUserWithAuthenticatorAsync();
        _balancer = await HaproxyBalancer.StartAsync(_instances);
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _balancer.DisposeAsync();
        await _instances.DisposeAsync();
    }

    [Fact]
    public async Task A_browser_pinned_to_a_stopped_instance_keeps_its_session_on_the_other_and_signs_in_again_there()
    {
        try
        {
            await FailoverJourneyAsync();
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            // A browser step that times out says little by itself: the three processes' logs say why.
            Assert.Fail($"{e.Message}\nbrowser console:\n{string.Join("\n", _console)}\nportals:\n{_instances.Output}\nhaproxy:\n{_balancer.Output}");
        }
    }

    private async Task FailoverJourneyAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _balancer.BaseAddress.ToString() });
        // Generous: the circuit of a cold instance on a busy two-core CI machine can take seconds to start.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => _console.Add($"{message.Type}: {message.Text}");

        var firstStep = await SignInAsync(page, afterStep: -1, live: true);
        var servedBy = await StickyInstanceAsync(context);
        // A form token issued by the instance about to stop: the survivor must accept it too (one key ring).
        var logoutToken = await page.GetAttributeAsync("input[name=__RequestVerificationToken]", "value");
        Assert.False(string.IsNullOrEmpty(logoutToken), "The signed-in page has no form token.");

        await (servedBy == "a" ? _instances.A : _instances.B).DisposeAsync();

        // Same cookies, other instance: still signed in, on a circuit of the survivor. (Leaving the page first: the
        // old page's script reloads it when its circuit is lost, which would abort a navigation in flight.)
        await page.GotoAsync("about:blank");
        await page.GotoAsync(_balancer.BaseAddress.ToString());
        await page.WaitForSelectorAsync("[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        Assert.Equal(UserEmail, await page.InnerTextAsync("[data-testid=signed-in-user]"));
        Assert.NotEqual(servedBy, await StickyInstanceAsync(context));

        // The stopped instance's antiforgery token logs out on the survivor.
        var logout = await context.APIRequest.PostAsync("/Account/Logout", new APIRequestContextOptions
        {
            Form = context.APIRequest.CreateFormData().Set("__RequestVerificationToken", logoutToken!),
            MaxRedirects = 0,
        });
        Assert.Equal(302, logout.Status);
        Assert.EndsWith("/Account/Login", logout.Headers["location"], StringComparison.Ordinal);

        // Signs in again on the survivor, password and a fresh authenticator code (the first one's step is spent).
        await SignInAsync(page, afterStep: firstStep);
        Assert.NotEqual(servedBy, await StickyInstanceAsync(context));

        // Nothing written through the stopped instance is lost: both completed sign-ins are in the shared database.
        await using var host = CoreHost();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == UserEmail);
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Event == AuditEvents.SignInCompleted && e.ActorId == user.Id));
    }

    /// <summary>Password step, then the interactive prompt with a code of a step after <paramref name="afterStep"/>; returns the step used.</summary>
    /// <summary>Password, then an authenticator code: in the plain form the user is offered first, or (<paramref name="live"/>)
    /// in the interactive prompt (the one every other method uses), whose circuit must stay on one instance.</summary>
    private async Task<long> SignInAsync(IPage page, long afterStep, bool live = false)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", UserEmail);
        await page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync("**/Account/LoginWith2fa**");
        if (live)
        {
            await page.GotoAsync("/Account/LoginWith2fa?methods=all");
            await page.WaitForSelectorAsync("[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        }
        await page.WaitForSelectorAsync("input[data-testid=authenticator-code]");

        // A TOTP step is accepted once per user (replay protection): wait for the next one if this one is spent.
        var step = TotpAlgorithm.StepAt(DateTimeOffset.UtcNow);
        while (step <= afterStep)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            step = TotpAlgorithm.StepAt(DateTimeOffset.UtcNow);
        }
        await page.FillAsync("input[data-testid=authenticator-code]", TotpAlgorithm.Compute(_seed, step));
        await page.ClickAsync("[data-testid=authenticator-code-submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.WaitForSelectorAsync("[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        Assert.Equal(UserEmail, await page.InnerTextAsync("[data-testid=signed-in-user]"));
        return step;
    }

    private static async Task<string> StickyInstanceAsync(IBrowserContext context)
    {
        var cookie = (await context.CookiesAsync()).SingleOrDefault(c => c.Name == HaproxyBalancer.StickyCookie);
        Assert.True(cookie is not null, "HAProxy set no sticky cookie.");
        return cookie.Value;
    }

    /// <summary>A user enrolled in the built-in authenticator, written straight into the shared database.</summary>
    private async Task<byte[]> SeedUserWithAuthenticatorAsync()
    {
        await using var host = CoreHost();
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var user = new PortalUser { UserName = UserEmail, Email = UserEmail, EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, PortalFactory.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, PortalRoles.User)).Succeeded);
        var enrollment = scope.ServiceProvider.GetRequiredService<AuthenticatorEnrollment>();
        var setup = await enrollment.StartAsync(user);
        var seed = Base32.Decode(setup.ManualEntryKey.Replace(" ", "", StringComparison.Ordinal))!;
        // Confirmed with the previous step's code, so the current one is still unused for the login.
        var previous = TotpAlgorithm.Compute(seed, TotpAlgorithm.StepAt(time.GetUtcNow()) - 1);
        Assert.Equal(AuthenticatorConfirmation.Confirmed, await enrollment.ConfirmAsync(user, previous));
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        return seed;
    }

    /// <summary>Core services on the instances' database and key ring, as a third process of the deployment would see them.</summary>
    private DisposableHost CoreHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(TestKeyRingCertificates.DefaultSettings);
        builder.Configuration["Database:Provider"] = "Sqlite";
        builder.Configuration["Database:SqlitePath"] = _instances.DatabasePath;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddLucyCore();
        return new DisposableHost(builder.Build());
    }

    private sealed class DisposableHost(IHost host) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public ValueTask DisposeAsync()
        {
            host.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
