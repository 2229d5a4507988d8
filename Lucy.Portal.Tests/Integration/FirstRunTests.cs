using System.Net;
using System.Text.RegularExpressions;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

public class FirstRunTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Dictionary<string, string> SetupForm(string email, string password, string? confirm = null) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = confirm ?? password,
    };

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/users")]
    [InlineData("/system/advanced-settings")]
    public async Task Every_page_leads_to_setup_while_no_administrator_exists(string path)
    {
        using var session = _portal.CreateSession();

        using var response = await session.GetAsync(path);

        ResponseAssert.RedirectsTo(response, "/setup");
    }

    [Fact]
    public async Task Setup_creates_the_first_administrator_once_and_then_answers_404()
    {
        using var session = _portal.CreateSession();

        using var created = await session.SubmitFormAsync("/setup", "setup", SetupForm(PortalFactory.AdminEmail, PortalFactory.Password));
        ResponseAssert.RedirectsTo(created, "/Account/Login");

        using var again = await session.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        using var post = new FormUrlEncodedContent(SetupForm("second@lucy.test", PortalFactory.Password));
        using var secondAttempt = await session.Client.PostAsync("/setup", post);
        Assert.Equal(HttpStatusCode.NotFound, secondAttempt.StatusCode);

        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var admins = await users.GetUsersInRoleAsync(PortalRoles.Administrator);
        Assert.Equal(PortalFactory.AdminEmail, Assert.Single(admins).Email);
    }

    [Fact]
    public async Task Setup_names_the_effective_password_minimum_once_before_and_after_a_short_password()
    {
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>()
                .SaveAsync(new PasswordSection(16, 0), new SettingsActor("test", "test"));
            Assert.True(saved.Succeeded);
        }
        using var session = _portal.CreateSession();

        using var form = await session.GetAsync("/setup");
        var page = await form.Content.ReadAsStringAsync();
        using var refused = await session.SubmitFormAsync("/setup", "setup", SetupForm(PortalFactory.AdminEmail, "fifteen chars!!"));
        var answer = await refused.Content.ReadAsStringAsync();

        Assert.Single(Regex.Matches(page, "at least \\d+", RegexOptions.IgnoreCase));
        Assert.Contains("at least 16 characters", page, StringComparison.Ordinal);
        var minimums = Regex.Matches(answer, "at least (\\d+)", RegexOptions.IgnoreCase).Select(m => m.Groups[1].Value).Distinct();
        Assert.Equal(["16"], minimums);
        Assert.Single(Regex.Matches(answer, "Passwords must be at least", RegexOptions.IgnoreCase));
    }

    [Theory]
    [InlineData("short pass", "short pass", "at least 12")]
    [InlineData("a long enough passphrase", "a different passphrase", "do not match")]
    public async Task Setup_refuses_a_bad_password_and_creates_nobody(string password, string confirm, string message)
    {
        using var session = _portal.CreateSession();

        using var response = await session.SubmitFormAsync("/setup", "setup", SetupForm(PortalFactory.AdminEmail, password, confirm));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        await using var scope = _portal.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<FirstAdministratorSetup>().IsRequiredAsync());
    }
}

public class ConfiguredFirstAdministratorTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync()
    {
        _portal.Settings["FirstAdministrator:Email"] = "ops@lucy.test";
        _portal.Settings["FirstAdministrator:Password"] = PortalFactory.Password;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Configuration_supplies_the_first_administrator_and_setup_is_gone()
    {
        using var session = _portal.CreateSession();

        using var setup = await session.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.NotFound, setup.StatusCode);

        using var login = await session.LoginAsync("ops@lucy.test", PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/");
        using var home = await session.GetAsync("/users");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }
}
